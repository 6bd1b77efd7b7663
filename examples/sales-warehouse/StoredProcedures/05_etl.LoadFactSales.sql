/*
    Procedure: etl.LoadFactSales
    Purpose:   Loads dw.FactSales from staging order headers and lines.
               Incremental by default: only orders with SalesOrderID above the watermark in
               etl.Watermark are loaded. @FullReload = 1 truncates the fact and reloads everything.
    Steps:     1. read the watermark
               2. stage the new order lines in #SalesLines (cancelled orders are skipped)
               3. resolve surrogate keys (date, product, customer version valid on the order date;
                  -1 when not found) and insert into dw.FactSales
               4. move the watermark
    Known gap: status changes of already-loaded orders (e.g. Open -> Cancelled) are not picked up
               by an incremental run; the weekly full reload corrects them.
*/
CREATE PROCEDURE etl.LoadFactSales
    @FullReload bit = 0
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @StartedAt  datetime2(7) = SYSDATETIME(),
            @LastID     bigint,
            @MaxID      bigint,
            @MaxDate    date,
            @Staged     int = 0,
            @Inserted   int = 0,
            @Deleted    int = 0,
            @Skipped    int = 0,
            @Msg        nvarchar(2048);

    /* 1. Watermark ------------------------------------------------------------ */
    IF NOT EXISTS (SELECT 1 FROM etl.Watermark WHERE SourceName = N'staging.SalesOrderHeader')
        INSERT etl.Watermark (SourceName) VALUES (N'staging.SalesOrderHeader');

    SELECT @LastID = LastLoadedID
    FROM   etl.Watermark
    WHERE  SourceName = N'staging.SalesOrderHeader';

    IF @FullReload = 1
        SET @LastID = 0;

    /* 2. Stage the new lines -------------------------------------------------- */
    DROP TABLE IF EXISTS #SalesLines;

    CREATE TABLE #SalesLines
    (
        SalesOrderID  int            NOT NULL,
        LineNumber    smallint       NOT NULL,
        OrderDate     date           NOT NULL,
        ShipDate      date           NULL,
        CustomerID    int            NOT NULL,
        ProductID     int            NOT NULL,
        SalesChannel  varchar(5)     NOT NULL,
        Quantity      int            NOT NULL,
        UnitPrice     money          NOT NULL,
        DiscountPct   decimal(5, 2)  NOT NULL,
        PRIMARY KEY CLUSTERED (SalesOrderID, LineNumber)
    );

    INSERT INTO #SalesLines
        (SalesOrderID, LineNumber, OrderDate, ShipDate, CustomerID, ProductID, SalesChannel, Quantity, UnitPrice, DiscountPct)
    SELECT  h.SalesOrderID, l.LineNumber, h.OrderDate, h.ShipDate, h.CustomerID, l.ProductID,
            h.SalesChannel, l.Quantity, l.UnitPrice, l.DiscountPct
    FROM    staging.SalesOrderHeader h
    JOIN    staging.SalesOrderLine l
      ON    l.SalesOrderID = h.SalesOrderID
    WHERE   h.SalesOrderID > @LastID
      AND   h.[Status] <> 'Cancelled'

    SET @Staged = @@ROWCOUNT;

    SELECT @MaxID = MAX(SalesOrderID), @MaxDate = MAX(OrderDate) FROM #SalesLines;

    IF @Staged = 0
    BEGIN
        EXEC etl.usp_LogLoad @ProcessName = N'etl.LoadFactSales', @Status = 'Skipped',
                             @StartedAt = @StartedAt, @Message = N'No new orders since the last watermark.';
        RETURN 0;
    END

    /* 3. + 4. Load the fact and move the watermark, atomically ---------------- */
    BEGIN TRY
        BEGIN TRAN;

        IF @FullReload = 1
        BEGIN
            SELECT @Deleted = COUNT(*) FROM dw.FactSales;   -- TRUNCATE does not set @@ROWCOUNT
            TRUNCATE TABLE dw.FactSales;
        END
        ELSE
        BEGIN
            -- orders re-delivered by the OMS: replace their lines
            DELETE f
            FROM   dw.FactSales AS f
            WHERE  EXISTS (SELECT 1 FROM #SalesLines AS s WHERE s.SalesOrderID = f.SalesOrderID);

            SET @Deleted = @@ROWCOUNT;
        END

        INSERT INTO dw.FactSales
            (SalesOrderID, LineNumber, OrderDateKey, ShipDateKey, CustomerKey, ProductKey, SalesChannel,
             Quantity, UnitPrice, DiscountPct, GrossAmount, NetAmount, CostAmount)
        SELECT  s.SalesOrderID,
                s.LineNumber,
                od.DateKey,
                sd.DateKey,
                ISNULL(dc.CustomerKey, -1),
                ISNULL(dp.ProductKey, -1),
                s.SalesChannel,
                s.Quantity,
                s.UnitPrice,
                s.DiscountPct,
                s.Quantity * s.UnitPrice,
                dbo.fn_NetAmount(s.Quantity * s.UnitPrice, s.DiscountPct),
                s.Quantity * ISNULL(dp.StandardCost, $0)
        FROM    #SalesLines AS s
        INNER JOIN dw.DimDate AS od
                ON od.FullDate = s.OrderDate
        LEFT JOIN dw.DimDate AS sd
                ON sd.FullDate = s.ShipDate
        -- point-in-time lookup: the customer version valid on the order date
        LEFT JOIN dw.DimCustomer AS dc
                ON  dc.CustomerID = s.CustomerID
                AND CAST(s.OrderDate AS datetime2(7)) >= dc.ValidFrom
                AND CAST(s.OrderDate AS datetime2(7)) <  dc.ValidTo
        LEFT JOIN dw.DimProduct AS dp
                ON dp.ProductID = s.ProductID;

        SET @Inserted = @@ROWCOUNT;
        SET @Skipped  = @Staged - @Inserted;

        UPDATE etl.Watermark
           SET LastLoadedID   = @MaxID,
               LastLoadedDate = @MaxDate,
               UpdatedAt      = SYSDATETIME()
         WHERE SourceName = N'staging.SalesOrderHeader';

        COMMIT;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 0
            ROLLBACK;

        SET @Msg = ERROR_MESSAGE();
        EXEC etl.usp_LogLoad @ProcessName = N'etl.LoadFactSales', @Status = 'Failed',
                             @StartedAt = @StartedAt, @Message = @Msg;
        THROW;
    END CATCH

    IF @Skipped > 0
        -- severity 10 = warning: reported, but the load still succeeds
        RAISERROR(N'etl.LoadFactSales: %d line(s) skipped because their order date is missing from dw.DimDate.', 10, 1, @Skipped) WITH NOWAIT;

    SET @Msg = CASE WHEN @FullReload = 1 THEN N'Full reload' ELSE N'Incremental' END
             + N'; watermark now ' + CAST(@MaxID AS nvarchar(20));

    EXEC etl.usp_LogLoad
        @ProcessName  = N'etl.LoadFactSales',
        @StartedAt    = @StartedAt,
        @RowsInserted = @Inserted,
        @RowsDeleted  = @Deleted,
        @Message      = @Msg;

    RETURN 0;
END
GO
