/*
    Table:   staging.Region
    Source:  PeakOrder OMS, table REGION (full extract every night)
    Notes:   Small lookup. RegionCode is the natural key used by customers and sales targets.
*/
CREATE TABLE [staging].[Region]
(
    [RegionCode]    CHAR(3)        NOT NULL,
    [RegionName]    NVARCHAR(50)   NOT NULL,
    [CountryCode]   CHAR(2)        NOT NULL,
    [SalesManager]  NVARCHAR(100)  NULL,
    [IsActive]      BIT            NOT NULL CONSTRAINT [DF_Region_IsActive] DEFAULT ((1)),
    CONSTRAINT [PK_Region] PRIMARY KEY CLUSTERED ([RegionCode] ASC),
    CONSTRAINT [UQ_Region_RegionName] UNIQUE NONCLUSTERED ([RegionName] ASC),
    CONSTRAINT [CK_Region_CountryCode] CHECK ([CountryCode] LIKE '[A-Z][A-Z]')
);
GO
