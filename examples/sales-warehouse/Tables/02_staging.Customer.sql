/*
    Table:   staging.Customer
    Source:  PeakOrder OMS, table CUSTOMER
    Notes:   - FullName is a computed (non-persisted) column.
             - ModifiedDate is maintained by trigger staging.trg_Customer_SetModifiedDate.
             - RowVer is a rowversion, used by the OMS team for change detection.
    History: 2021-04-12  JKW  created
             2021-09-05  RPL  added CustomerSegment 'Online' (web shop launch)
*/
CREATE TABLE staging.Customer
(
    CustomerID        int               NOT NULL,
    CustomerCode      varchar(12)       NOT NULL,
    FirstName         nvarchar(50)      NOT NULL,
    LastName          nvarchar(50)      NOT NULL,
    FullName          AS (FirstName + N' ' + LastName),
    CompanyName       nvarchar(100)     NULL,
    Email             varchar(120)      NULL,
    Phone             varchar(25)       NULL,
    City              nvarchar(60)      NOT NULL,
    RegionCode        char(3)           NULL,
    CustomerSegment   varchar(10)       NOT NULL CONSTRAINT DF_Customer_CustomerSegment DEFAULT ('Retail'),
    IsActive          bit               NOT NULL CONSTRAINT DF_Customer_IsActive DEFAULT (1),
    rowguid           uniqueidentifier  NOT NULL DEFAULT NEWID(),
    RowVer            rowversion,
    CreatedDate       datetime          NOT NULL DEFAULT GETDATE(),
    ModifiedDate      datetime          NULL,
    CONSTRAINT PK_Customer PRIMARY KEY CLUSTERED (CustomerID),
    CONSTRAINT UQ_Customer_CustomerCode UNIQUE (CustomerCode),
    CONSTRAINT FK_Customer_Region FOREIGN KEY (RegionCode)
        REFERENCES staging.Region (RegionCode)
        ON DELETE SET NULL
        ON UPDATE CASCADE,
    CONSTRAINT CK_Customer_CustomerSegment CHECK (CustomerSegment IN ('Retail', 'Wholesale', 'Online')),
    CONSTRAINT CK_Customer_Email CHECK (Email IS NULL OR Email LIKE '%_@_%._%')
);
GO

EXEC sys.sp_addextendedproperty
    @name = N'MS_Description', @value = N'Customers as extracted from the PeakOrder order-entry system. One row per customer account; no history (see dw.DimCustomer).',
    @level0type = N'SCHEMA', @level0name = N'staging',
    @level1type = N'TABLE',  @level1name = N'Customer';
GO
EXEC sys.sp_addextendedproperty
    @name = N'MS_Description', @value = N'Commercial segment: Retail (store walk-in), Wholesale (dealer accounts) or Online (web shop).',
    @level0type = N'SCHEMA', @level0name = N'staging',
    @level1type = N'TABLE',  @level1name = N'Customer',
    @level2type = N'COLUMN', @level2name = N'CustomerSegment';
GO
EXEC sys.sp_addextendedproperty N'MS_Description', N'Set by trigger trg_Customer_SetModifiedDate whenever a tracked attribute really changes.',
    N'SCHEMA', N'staging', N'TABLE', N'Customer', N'COLUMN', N'ModifiedDate';
GO
