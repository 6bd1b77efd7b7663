-- Table: dw.DimProduct
-- Product dimension, type 1 (attributes are overwritten in place). Loaded by etl.LoadDimProduct (MERGE).
-- ProductKey = -1 is the "Unknown" member.

CREATE TABLE dw.DimProduct
(
    ProductKey      int IDENTITY(1,1) NOT NULL CONSTRAINT PK_DimProduct PRIMARY KEY CLUSTERED,
    ProductID       int               NOT NULL,
    ProductCode     varchar(20)       NOT NULL,
    ProductName     nvarchar(100)     NOT NULL,
    Category        nvarchar(50)      NOT NULL,
    Subcategory     nvarchar(50)      NOT NULL CONSTRAINT DF_DimProduct_Subcategory DEFAULT (N'(none)'),
    Color           nvarchar(20)      NULL,
    ListPrice       money             NOT NULL,
    StandardCost    money             NOT NULL,
    WeightKg        numeric(7,3)      NULL,
    IsDiscontinued  bit               NOT NULL DEFAULT 0,
    InsertedAt      datetime2(7)      NOT NULL DEFAULT SYSDATETIME(),
    UpdatedAt       datetime2(7)      NULL,
    CONSTRAINT UQ_DimProduct_ProductID UNIQUE (ProductID),
    CONSTRAINT UQ_DimProduct_ProductCode UNIQUE NONCLUSTERED (ProductCode)
)
GO
