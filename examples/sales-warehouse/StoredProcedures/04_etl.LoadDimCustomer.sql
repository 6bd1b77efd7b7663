/*
    Procedure: etl.LoadDimCustomer
    Purpose:   Loads dw.DimCustomer as a slowly changing dimension, type 2.
                 1. Customers whose tracked attributes changed get their current row closed
                    (ValidTo = @EffectiveDate, IsCurrent = 0).
                 2. Every customer without a current row (new customers, and the ones closed
                    in step 1) gets a new current row starting at @EffectiveDate.
               Both steps run in one transaction; on error everything is rolled back, the
               failure is logged and the error is re-thrown.
    Params:    @EffectiveDate - start of validity of new versions. Defaults to now; pass the
                                extract date when back-loading history.
    Tracked:   CustomerName, CompanyName, Email, City, RegionCode, CustomerSegment, IsActive.
               (RegionName and CountryCode follow RegionCode.)
    Caveat:    Comparisons use the database collation (case-insensitive) and SQL Server's
               trailing-space rules, so 'ABC' vs 'abc ' is *not* a change.
*/
SET ANSI_NULLS ON;
GO
SET QUOTED_IDENTIFIER ON;   -- required: dw.DimCustomer has a filtered index
GO

CREATE PROCEDURE etl.LoadDimCustomer
    @EffectiveDate datetime2(7) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    DECLARE @StartedAt  datetime2(7) = SYSDATETIME();
    DECLARE @Now        datetime2(7) = ISNULL(@EffectiveDate, SYSDATETIME());
    DECLARE @EndOfTime  datetime2(7) = '9999-12-31 23:59:59.9999999';
    DECLARE @Expired    int = 0,
            @NewRows    int = 0;
    DECLARE @Msg        nvarchar(2048);

    -- A version may not start before the latest version already loaded.
    IF EXISTS (SELECT 1 FROM dw.DimCustomer WHERE CustomerKey > 0 AND ValidFrom > @Now)
    BEGIN
        SET @Msg = N'etl.LoadDimCustomer: @EffectiveDate ' + CONVERT(nvarchar(27), @Now, 121)
                 + N' is earlier than versions already in dw.DimCustomer.';
        THROW 50010, @Msg, 1;
    END;

    -- Source snapshot, region attributes resolved once.
    SELECT  c.CustomerID,
            c.CustomerCode,
            CAST(c.FullName AS nvarchar(101))  AS CustomerName,
            c.CompanyName,
            c.Email,
            c.City,
            c.RegionCode,
            r.RegionName,
            r.CountryCode,
            c.CustomerSegment,
            c.IsActive
    INTO    #CustomerSource
    FROM    staging.Customer AS c
    LEFT JOIN staging.Region AS r
           ON r.RegionCode = c.RegionCode;

    BEGIN TRY
        BEGIN TRANSACTION;

        /* 1. Close the current version of customers whose tracked attributes changed. */
        UPDATE d
           SET d.ValidTo   = @Now,
               d.IsCurrent = 0
          FROM dw.DimCustomer AS d
          INNER JOIN #CustomerSource AS s
                  ON s.CustomerID = d.CustomerID
         WHERE d.IsCurrent = 1
           AND (    d.CustomerName    <> s.CustomerName
                 OR d.City            <> s.City
                 OR d.CustomerSegment <> s.CustomerSegment
                 OR d.IsActive        <> s.IsActive
                 OR ISNULL(d.CompanyName, N'') <> ISNULL(s.CompanyName, N'')
                 OR ISNULL(d.Email, '')        <> ISNULL(s.Email, '')
                 OR ISNULL(d.RegionCode, '')   <> ISNULL(s.RegionCode, '')
               );

        SET @Expired = @@ROWCOUNT;

        /* 2. New current version for new customers and for the ones closed above. */
        INSERT INTO dw.DimCustomer
            (CustomerID, CustomerCode, CustomerName, CompanyName, Email, City,
             RegionCode, RegionName, CountryCode, CustomerSegment, IsActive,
             ValidFrom, ValidTo, IsCurrent)
        SELECT  s.CustomerID, s.CustomerCode, s.CustomerName, s.CompanyName, s.Email, s.City,
                s.RegionCode, s.RegionName, s.CountryCode, s.CustomerSegment, s.IsActive,
                @Now, @EndOfTime, 1
        FROM    #CustomerSource AS s
        WHERE   NOT EXISTS (SELECT 1
                            FROM dw.DimCustomer AS d
                            WHERE d.CustomerID = s.CustomerID
                              AND d.IsCurrent = 1);

        SET @NewRows = @@ROWCOUNT;

        COMMIT TRANSACTION;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0
            ROLLBACK TRANSACTION;

        SET @Msg = ERROR_MESSAGE();
        EXEC etl.usp_LogLoad
            @ProcessName = N'etl.LoadDimCustomer',
            @Status      = 'Failed',
            @StartedAt   = @StartedAt,
            @Message     = @Msg;

        THROW;
    END CATCH;

    -- @NewRows - @Expired = brand-new customers; @Expired = customers that got a new version
    SET @Msg = CONCAT(@NewRows - @Expired, N' new customer(s), ', @Expired, N' new version(s), effective ',
                      CONVERT(nvarchar(10), @Now, 23));

    EXEC etl.usp_LogLoad
        @ProcessName  = N'etl.LoadDimCustomer',
        @StartedAt    = @StartedAt,
        @RowsInserted = @NewRows,
        @RowsUpdated  = @Expired,
        @Message      = @Msg;

    PRINT N'dw.DimCustomer: ' + @Msg;

    DROP TABLE #CustomerSource;
END;
GO
