/*
    Data:    "Unknown" members of the dimensions (surrogate key -1).
    Why:     etl.LoadFactSales maps a line whose customer or product cannot be resolved to -1
             instead of dropping it, so fact totals always reconcile with staging.
    Note:    IDENTITY_INSERT can be ON for one table per session at a time.
             dw.DimCustomer has a filtered index, so QUOTED_IDENTIFIER / ANSI_NULLS must be ON.
*/
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

SET IDENTITY_INSERT dw.DimCustomer ON;

INSERT INTO dw.DimCustomer
    (CustomerKey, CustomerID, CustomerCode, CustomerName, CompanyName, Email, City,
     RegionCode, RegionName, CountryCode, CustomerSegment, IsActive, ValidFrom, IsCurrent)
VALUES
    (-1, -1, 'UNKNOWN', N'Unknown customer', NULL, NULL, N'Unknown',
     NULL, NULL, NULL, 'Unknown', 0, '1900-01-01', 1);

SET IDENTITY_INSERT dw.DimCustomer OFF;
GO

SET IDENTITY_INSERT [dw].[DimProduct] ON
INSERT [dw].[DimProduct] ([ProductKey], [ProductID], [ProductCode], [ProductName], [Category], [Subcategory], [Color], [ListPrice], [StandardCost], [WeightKg], [IsDiscontinued])
VALUES (-1, -1, 'UNKNOWN', N'Unknown product', N'Unknown', N'Unknown', NULL, 0, 0, NULL, 0)
SET IDENTITY_INSERT [dw].[DimProduct] OFF
GO
