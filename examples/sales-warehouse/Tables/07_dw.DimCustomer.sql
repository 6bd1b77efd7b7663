/*
    Table:   dw.DimCustomer
    Purpose: Customer dimension, slowly changing type 2. Loaded by etl.LoadDimCustomer.
    Notes:   - One row per customer *version*; ValidFrom/ValidTo is a half-open interval [from, to).
             - The current version has IsCurrent = 1 and ValidTo = 9999-12-31 23:59:59.9999999.
             - CustomerKey = -1 is the "Unknown" member (inserted by Data/07_dw.UnknownMembers.sql).
             - The filtered unique index guarantees at most one current row per customer.
*/
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

CREATE TABLE [dw].[DimCustomer]
(
    [CustomerKey]      INT IDENTITY(1, 1)  NOT NULL,
    [CustomerID]       INT                 NOT NULL,
    [CustomerCode]     VARCHAR(12)         NOT NULL,
    [CustomerName]     NVARCHAR(101)       NOT NULL,
    [CompanyName]      NVARCHAR(100)       NULL,
    [Email]            VARCHAR(120)        NULL,
    [City]             NVARCHAR(60)        NOT NULL,
    [RegionCode]       CHAR(3)             NULL,
    [RegionName]       NVARCHAR(50)        NULL,
    [CountryCode]      CHAR(2)             NULL,
    [CustomerSegment]  VARCHAR(10)         NOT NULL,
    [IsActive]         BIT                 NOT NULL,
    [ValidFrom]        DATETIME2(7)        NOT NULL,
    [ValidTo]          DATETIME2(7)        NOT NULL CONSTRAINT [DF_DimCustomer_ValidTo] DEFAULT ('9999-12-31 23:59:59.9999999'),
    [IsCurrent]        BIT                 NOT NULL CONSTRAINT [DF_DimCustomer_IsCurrent] DEFAULT (1),
    [LoadedAt]         DATETIME2(7)        NOT NULL DEFAULT (SYSDATETIME()),
    CONSTRAINT [PK_DimCustomer] PRIMARY KEY CLUSTERED ([CustomerKey] ASC),
    CONSTRAINT [CK_DimCustomer_ValidRange] CHECK ([ValidTo] > [ValidFrom])
);
GO

-- At most one current version per business key.
CREATE UNIQUE NONCLUSTERED INDEX [UX_DimCustomer_CustomerID_Current]
    ON [dw].[DimCustomer] ([CustomerID])
    WHERE [IsCurrent] = 1;
GO

-- Point-in-time lookups from etl.LoadFactSales: CustomerID + date between ValidFrom and ValidTo.
CREATE NONCLUSTERED INDEX [IX_DimCustomer_CustomerID_ValidFrom]
    ON [dw].[DimCustomer] ([CustomerID], [ValidFrom])
    INCLUDE ([ValidTo]);
GO

EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'Customer dimension with full history (SCD type 2). Grain: one row per customer per version.',
    @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCustomer';
EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'Surrogate key. -1 = Unknown customer.',
    @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCustomer',
    @level2type = N'COLUMN', @level2name = N'CustomerKey';
EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'Start of the validity interval of this version (inclusive).',
    @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCustomer',
    @level2type = N'COLUMN', @level2name = N'ValidFrom';
EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'End of the validity interval of this version (exclusive). 9999-12-31 for the current version.',
    @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCustomer',
    @level2type = N'COLUMN', @level2name = N'ValidTo';
EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'1 for the current version of the customer, 0 for expired versions.',
    @level0type = N'SCHEMA', @level0name = N'dw', @level1type = N'TABLE', @level1name = N'DimCustomer',
    @level2type = N'COLUMN', @level2name = N'IsCurrent';
GO
