/*
    Table:   dw.FactSales
    Grain:   one row per sales order line (cancelled orders excluded).
    Loaded:  etl.LoadFactSales (incremental on etl.Watermark, or full reload).
    Keys:    CustomerKey is resolved point-in-time against dw.DimCustomer (SCD2), so a line
             points at the customer version that was valid on the order date.
*/
CREATE TABLE dw.FactSales
(
    SalesKey        bigint          IDENTITY(1,1) NOT NULL,
    SalesOrderID    int             NOT NULL,
    LineNumber      smallint        NOT NULL,
    OrderDateKey    int             NOT NULL,
    ShipDateKey     int             NULL,           -- NULL while the order is open
    CustomerKey     int             NOT NULL,
    ProductKey      int             NOT NULL,
    SalesChannel    varchar(5)      NOT NULL,
    Quantity        int             NOT NULL,
    UnitPrice       money           NOT NULL,
    DiscountPct     decimal(5,2)    NOT NULL,
    GrossAmount     decimal(18,2)   NOT NULL,
    NetAmount       decimal(18,2)   NOT NULL,
    CostAmount      decimal(18,2)   NOT NULL,
    LoadedAt        datetime2(7)    NOT NULL CONSTRAINT DF_FactSales_LoadedAt DEFAULT SYSDATETIME(),
    CONSTRAINT PK_FactSales PRIMARY KEY CLUSTERED (SalesKey),
    CONSTRAINT UQ_FactSales_SalesOrderID_LineNumber UNIQUE NONCLUSTERED (SalesOrderID, LineNumber),
    CONSTRAINT FK_FactSales_OrderDate FOREIGN KEY (OrderDateKey) REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactSales_ShipDate  FOREIGN KEY (ShipDateKey)  REFERENCES dw.DimDate (DateKey),
    CONSTRAINT FK_FactSales_Customer  FOREIGN KEY (CustomerKey)  REFERENCES dw.DimCustomer (CustomerKey),
    CONSTRAINT FK_FactSales_Product   FOREIGN KEY (ProductKey)   REFERENCES dw.DimProduct (ProductKey),
    CONSTRAINT CK_FactSales_Quantity CHECK (Quantity > 0),
    CONSTRAINT CK_FactSales_NetAmount CHECK (NetAmount <= GrossAmount)
);
GO

CREATE NONCLUSTERED INDEX IX_FactSales_OrderDateKey
    ON dw.FactSales (OrderDateKey)
    INCLUDE (CustomerKey, ProductKey, Quantity, NetAmount, CostAmount);
GO

EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'Sales fact. Grain: one row per order line of a non-cancelled order.',
    @level0type = N'SCHEMA', @level0name = N'dw',
    @level1type = N'TABLE', @level1name = N'FactSales';
GO
EXEC sys.sp_addextendedproperty @name = N'MS_Description',
    @value = N'Line amount after discount, computed with dbo.fn_NetAmount (rounded to cents).',
    @level0type = N'SCHEMA', @level0name = N'dw',
    @level1type = N'TABLE', @level1name = N'FactSales',
    @level2type = N'COLUMN', @level2name = N'NetAmount';
GO
