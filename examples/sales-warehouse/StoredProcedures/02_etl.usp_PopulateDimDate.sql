/*
    Procedure: etl.usp_PopulateDimDate
    Purpose:   Fills dw.DimDate with every day of @Year. Days already present are skipped,
               so the procedure can be re-run safely.
    Example:   EXEC etl.usp_PopulateDimDate @Year = 2024;
    Notes:     Row-by-row on purpose (it was written in 2016 and nobody needed it faster):
               365 iterations a year is nothing.
*/
CREATE PROCEDURE etl.usp_PopulateDimDate
    @Year smallint
AS
BEGIN
    SET NOCOUNT ON;

    IF @Year IS NULL OR @Year NOT BETWEEN 2000 AND 2099
    BEGIN
        RAISERROR(N'etl.usp_PopulateDimDate: @Year must be between 2000 and 2099 (got %d).', 16, 1, @Year);
        RETURN 1;
    END;

    DECLARE @StartedAt      datetime2(7) = SYSDATETIME();
    DECLARE @Date           date         = DATEFROMPARTS(@Year, 1, 1);
    DECLARE @EndDate        date         = DATEFROMPARTS(@Year, 12, 31);
    DECLARE @FiscalShifted  date;
    DECLARE @IsoWeekday     tinyint;
    DECLARE @Inserted       int          = 0;
    DECLARE @Msg            nvarchar(200);

    WHILE @Date <= @EndDate
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM dw.DimDate WHERE FullDate = @Date)
        BEGIN
            -- Fiscal year starts 1 October: shifting the date three months forward turns
            -- fiscal year/quarter into plain calendar year/quarter.
            SET @FiscalShifted = DATEADD(MONTH, 3, @Date);
            -- Monday = 1 .. Sunday = 7 whatever SET DATEFIRST the session runs with.
            SET @IsoWeekday = (DATEPART(WEEKDAY, @Date) + @@DATEFIRST - 2) % 7 + 1;

            INSERT INTO dw.DimDate
                (DateKey, FullDate, CalendarYear, CalendarQuarter, MonthNumber, [MonthName], MonthShortName,
                 YearMonth, [DayOfMonth], DayOfWeekNumber, [DayName], [DayOfYear], IsoWeekNumber, IsWeekend,
                 FiscalYear, FiscalQuarter)
            VALUES
                (CONVERT(int, CONVERT(char(8), @Date, 112)),     -- 20240315
                 @Date,
                 YEAR(@Date),
                 DATEPART(QUARTER, @Date),
                 MONTH(@Date),
                 DATENAME(MONTH, @Date),
                 LEFT(DATENAME(MONTH, @Date), 3),
                 CONVERT(char(7), @Date, 23),                    -- '2024-03' (style 23 = yyyy-mm-dd, cut to 7)
                 DAY(@Date),
                 @IsoWeekday,
                 DATENAME(WEEKDAY, @Date),
                 DATEPART(DAYOFYEAR, @Date),
                 DATEPART(ISO_WEEK, @Date),
                 CASE WHEN @IsoWeekday IN (6, 7) THEN 1 ELSE 0 END,
                 YEAR(@FiscalShifted),
                 DATEPART(QUARTER, @FiscalShifted));

            SET @Inserted += 1;
        END;

        SET @Date = DATEADD(DAY, 1, @Date);
    END;

    SET @Msg = N'Calendar year ' + CAST(@Year AS nvarchar(4));
    EXEC etl.usp_LogLoad
        @ProcessName  = N'etl.usp_PopulateDimDate',
        @StartedAt    = @StartedAt,
        @RowsInserted = @Inserted,
        @Message      = @Msg;

    PRINT 'dw.DimDate: ' + CAST(@Inserted AS varchar(10)) + ' day(s) added for ' + CAST(@Year AS varchar(4)) + '.';
    RETURN 0;
END
GO
