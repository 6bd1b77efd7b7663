/*
    Table:   staging.SalesOrderLine
    Source:  PeakOrder OMS, table ORDER_LINE
    Notes:   Composite key (SalesOrderID, LineNumber). Lines go away with their order (ON DELETE CASCADE).
             LineTotal is a PERSISTED computed column: quantity x price less the line discount.
*/
CREATE TABLE staging.SalesOrderLine
(
    SalesOrderID   int            NOT NULL,
    LineNumber     smallint       NOT NULL,
    ProductID      int            NOT NULL,
    Quantity       int            NOT NULL,
    UnitPrice      money          NOT NULL,
    DiscountPct    decimal(5, 2)  NOT NULL CONSTRAINT DF_SalesOrderLine_DiscountPct DEFAULT (0.00),
    LineTotal      AS CAST(Quantity * UnitPrice * (1 - DiscountPct / 100) AS decimal(18, 2)) PERSISTED,
    CONSTRAINT PK_SalesOrderLine PRIMARY KEY CLUSTERED (SalesOrderID, LineNumber),
    CONSTRAINT FK_SalesOrderLine_SalesOrderHeader FOREIGN KEY (SalesOrderID)
        REFERENCES staging.SalesOrderHeader (SalesOrderID)
        ON DELETE CASCADE,
    CONSTRAINT FK_SalesOrderLine_Product FOREIGN KEY (ProductID)
        REFERENCES staging.Product (ProductID),
    CONSTRAINT CK_SalesOrderLine_Quantity CHECK (Quantity > 0),
    CONSTRAINT CK_SalesOrderLine_UnitPrice CHECK (UnitPrice >= 0),
    CONSTRAINT CK_SalesOrderLine_DiscountPct CHECK (DiscountPct BETWEEN 0 AND 100)
)
GO

CREATE INDEX IX_SalesOrderLine_ProductID ON staging.SalesOrderLine (ProductID)
GO
