-- =============================================
-- Table:   staging.SalesOrderHeader
-- Source:  PeakOrder OMS, table ORDER_HDR
-- Notes:   One row per customer order. Status moves Open -> Shipped, or Open -> Cancelled.
--          ShipToCity is NULL for store pick-ups.
-- =============================================
CREATE TABLE staging.SalesOrderHeader
(
    SalesOrderID    int               NOT NULL,
    OrderGuid       uniqueidentifier  ROWGUIDCOL NOT NULL CONSTRAINT DF_SalesOrderHeader_OrderGuid DEFAULT (NEWID()),
    CustomerID      int               NOT NULL,
    OrderDate       date              NOT NULL,
    ShipDate        date              NULL,
    [Status]        varchar(10)       NOT NULL CONSTRAINT DF_SalesOrderHeader_Status DEFAULT 'Open',
    SalesChannel    varchar(5)        NOT NULL,
    ShipToCity      nvarchar(60)      NULL,
    CurrencyCode    char(3)           NOT NULL DEFAULT ('USD'),
    Freight         money             NOT NULL CONSTRAINT DF_SalesOrderHeader_Freight DEFAULT (0),
    Comment         nvarchar(max)     NULL,
    CreatedAt       datetime2(7)      NOT NULL DEFAULT SYSDATETIME(),
    CONSTRAINT PK_SalesOrderHeader PRIMARY KEY CLUSTERED (SalesOrderID),
    CONSTRAINT FK_SalesOrderHeader_Customer FOREIGN KEY (CustomerID)
        REFERENCES staging.Customer (CustomerID) ON DELETE NO ACTION,
    CONSTRAINT CK_SalesOrderHeader_Status CHECK ([Status] IN ('Open', 'Shipped', 'Cancelled')),
    CONSTRAINT CK_SalesOrderHeader_SalesChannel CHECK (SalesChannel IN ('Web', 'Store', 'Phone')),
    CONSTRAINT CK_SalesOrderHeader_ShipDate CHECK (ShipDate IS NULL OR ShipDate >= OrderDate),
    -- a shipped order must carry its ship date
    CONSTRAINT CK_SalesOrderHeader_ShippedHasDate CHECK ([Status] <> 'Shipped' OR ShipDate IS NOT NULL),
    CONSTRAINT CK_SalesOrderHeader_Freight CHECK (Freight >= 0)
);
GO

/* Customer order history lookups (report.vw_OrderStatusBoard, OMS "recent orders" screen). */
CREATE NONCLUSTERED INDEX IX_SalesOrderHeader_CustomerID_OrderDate
    ON staging.SalesOrderHeader (CustomerID, OrderDate DESC)
    INCLUDE ([Status], Freight);
GO
