/*
    Post-deployment script - KestrelPeakDW
    Runs after Schemas, Tables, Functions, Views, StoredProcedures, Triggers and Data.

    1. Builds the calendar (2024 and 2025: some 2024 orders ship in January 2025).
    2. Replays the 2024 history in two dimension loads so the warehouse has real SCD2 history:
         - load 1 effective 2024-01-01 (staging as delivered by the initial extract)
         - the OMS changes made during the year (applied to staging below; the customer
           trigger stamps ModifiedDate)
         - load 2 effective 2024-07-01
       Guarded: it only runs while dw.DimCustomer holds no real customers.
    3. Runs the regular nightly sequence (dimensions, then facts). This part is idempotent:
       on a re-deploy the dimension loads find nothing to change and the incremental fact load
       finds nothing past its watermark.
    4. Smoke test.
*/
SET NOCOUNT ON;
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

PRINT N'== KestrelPeakDW post-deployment ==';

-- 1. Calendar ---------------------------------------------------------------------------------
EXEC etl.usp_PopulateDimDate 2024;
EXEC etl.usp_PopulateDimDate @Year = 2025;
GO

-- 2. Replay of the 2024 history ---------------------------------------------------------------
IF NOT EXISTS (SELECT 1 FROM dw.DimCustomer WHERE CustomerKey > 0)
BEGIN
    PRINT N'-- load 1, effective 2024-01-01';
    EXEC etl.LoadDimProduct;
    EXEC etl.LoadDimCustomer @EffectiveDate = '2024-01-01';

    PRINT N'-- applying the changes made in the OMS during the first half of 2024';

    -- Priya Raman moved from Portland, OR to Boise, ID: new city and new region.
    UPDATE staging.Customer SET City = N'Boise', RegionCode = 'MTN' WHERE CustomerID = 1005;

    -- Aoife Gallagher now buys in store: segment Online -> Retail.
    UPDATE staging.Customer SET CustomerSegment = 'Retail' WHERE CustomerID = 1009;

    -- Dolomiti Outdoor changed its purchasing contact.
    UPDATE staging.Customer SET Email = 'marco.bianchi@example.org' WHERE CustomerID = 1013;

    -- Data clean-up that is NOT a change for SQL Server (trailing space, letter case):
    -- neither the trigger nor etl.LoadDimCustomer sees a difference here.
    UPDATE staging.Customer SET CompanyName = RTRIM(CompanyName) WHERE CustomerID = 1008;
    UPDATE staging.Customer SET Email = LOWER(Email) WHERE CustomerID = 1010;

    -- July price list and a product rename (type 1: overwritten in dw.DimProduct).
    UPDATE staging.Product SET ListPrice = 349.00, ModifiedDate = GETDATE() WHERE ProductID = 201;
    UPDATE staging.Product SET ListPrice = 229.00, ModifiedDate = GETDATE() WHERE ProductID = 209;
    UPDATE staging.Product
       SET ProductName = N'Daytripper 22L Daypack', ModifiedDate = GETDATE()
     WHERE ProductCode = 'BPK-DAY-22L';

    PRINT N'-- load 2, effective 2024-07-01';
    EXEC etl.LoadDimProduct;
    EXEC etl.LoadDimCustomer @EffectiveDate = '2024-07-01';
END
ELSE
    PRINT N'-- history already replayed, skipping';
GO

-- 3. Nightly sequence: dimensions first, then the fact ---------------------------------------
EXEC etl.LoadDimProduct;
EXEC etl.LoadDimCustomer;          -- effective now; finds no changes on a fresh deployment
EXEC etl.LoadFactSales;            -- incremental: everything above the watermark (0 the first time)
GO

-- 4. Smoke test -------------------------------------------------------------------------------
DECLARE @facts     int = (SELECT COUNT(*) FROM dw.FactSales),
        @customers int = (SELECT COUNT(*) FROM dw.DimCustomer WHERE CustomerKey > 0),
        @unknown   int,
        @msg       nvarchar(400);

SELECT @unknown = COUNT(*)
FROM dw.FactSales
WHERE CustomerKey = -1 OR ProductKey = -1;

IF @facts = 0
BEGIN
    SET @msg = N'Post-deployment: dw.FactSales is empty after the load.';
    THROW 50100, @msg, 1;
END;

IF @unknown > 0
    RAISERROR(N'Post-deployment: %d fact line(s) point at an Unknown member.', 10, 1, @unknown);

PRINT CONCAT(N'dw.FactSales rows: ', @facts, N'; dw.DimCustomer versions: ', @customers);
GO
