SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
/* =============================================================================
   Procedure: etl.LoadDimProduct
   Purpose:   Upserts dw.DimProduct (type 1) from staging.Product with a single MERGE:
                - new products are inserted,
                - products whose attributes changed are overwritten in place,
                - products that disappeared from the OMS are flagged IsDiscontinued = 1
                  (never deleted: facts still point at them).
              The OUTPUT clause captures what MERGE did, for the load log.
   History:   2019-02-11  JKW  created
              2022-06-30  RPL  EXCEPT-based change detection (NULL-safe) instead of <> chains
   ============================================================================= */
CREATE PROCEDURE [etl].[LoadDimProduct]
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @StartedAt  datetime2(7) = SYSDATETIME(),
            @Inserted   int = 0,
            @Updated    int = 0,
            @Msg        nvarchar(2048);

    DECLARE @Changes TABLE
    (
        MergeAction  nvarchar(10)  NOT NULL,
        ProductID    int           NOT NULL
    );

    BEGIN TRY
        ;WITH src AS
        (
            SELECT  p.ProductID,
                    p.ProductCode,
                    LTRIM(RTRIM(p.ProductName))        AS ProductName,
                    p.Category,
                    ISNULL(p.Subcategory, N'(none)')   AS Subcategory,
                    p.Color,
                    p.ListPrice,
                    p.StandardCost,
                    p.WeightKg,
                    p.IsDiscontinued
            FROM [staging].[Product] AS p
        )
        MERGE [dw].[DimProduct] WITH (HOLDLOCK) AS tgt
        USING src
            ON tgt.ProductID = src.ProductID
        WHEN MATCHED AND EXISTS
        (
            SELECT src.ProductCode, src.ProductName, src.Category, src.Subcategory, src.Color,
                   src.ListPrice, src.StandardCost, src.WeightKg, src.IsDiscontinued
            EXCEPT
            SELECT tgt.ProductCode, tgt.ProductName, tgt.Category, tgt.Subcategory, tgt.Color,
                   tgt.ListPrice, tgt.StandardCost, tgt.WeightKg, tgt.IsDiscontinued
        ) THEN
            UPDATE SET
                ProductCode    = src.ProductCode,
                ProductName    = src.ProductName,
                Category       = src.Category,
                Subcategory    = src.Subcategory,
                Color          = src.Color,
                ListPrice      = src.ListPrice,
                StandardCost   = src.StandardCost,
                WeightKg       = src.WeightKg,
                IsDiscontinued = src.IsDiscontinued,
                UpdatedAt      = SYSDATETIME()
        WHEN NOT MATCHED BY TARGET THEN
            INSERT (ProductID, ProductCode, ProductName, Category, Subcategory, Color,
                    ListPrice, StandardCost, WeightKg, IsDiscontinued)
            VALUES (src.ProductID, src.ProductCode, src.ProductName, src.Category, src.Subcategory, src.Color,
                    src.ListPrice, src.StandardCost, src.WeightKg, src.IsDiscontinued)
        WHEN NOT MATCHED BY SOURCE AND tgt.ProductKey > 0 AND tgt.IsDiscontinued = 0 THEN
            UPDATE SET
                IsDiscontinued = 1,
                UpdatedAt      = SYSDATETIME()
        OUTPUT $action, inserted.ProductID
            INTO @Changes (MergeAction, ProductID);

        SELECT  @Inserted = COUNT(CASE WHEN MergeAction = N'INSERT' THEN 1 END),
                @Updated  = COUNT(CASE WHEN MergeAction = N'UPDATE' THEN 1 END)
        FROM    @Changes;

        EXEC etl.usp_LogLoad
            @ProcessName  = N'etl.LoadDimProduct',
            @Status       = 'Succeeded',
            @StartedAt    = @StartedAt,
            @RowsInserted = @Inserted,
            @RowsUpdated  = @Updated;

        PRINT CONCAT(N'dw.DimProduct: ', @Inserted, N' inserted, ', @Updated, N' updated.');
    END TRY
    BEGIN CATCH
        SET @Msg = ERROR_MESSAGE();

        EXEC etl.usp_LogLoad
            @ProcessName = N'etl.LoadDimProduct',
            @Status      = 'Failed',
            @StartedAt   = @StartedAt,
            @Message     = @Msg;

        THROW;
    END CATCH
END
GO
