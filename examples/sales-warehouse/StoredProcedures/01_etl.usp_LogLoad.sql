/*
    Procedure: etl.usp_LogLoad
    Purpose:   Writes one row to etl.LoadLog. Called by every etl.* load procedure at the end of a
               step (Succeeded / Skipped) or from its CATCH block (Failed).
    Returns:   @LoadLogID (OUTPUT) - the new log row's id.
    Status:    logging only; no business logic. Candidate for retirement once the loads move
               to a scheduler that records run results itself.
*/
CREATE PROCEDURE etl.usp_LogLoad
    @ProcessName   nvarchar(128),
    @Status        varchar(10)    = 'Succeeded',
    @StartedAt     datetime2(7)   = NULL,
    @RowsInserted  int            = 0,
    @RowsUpdated   int            = 0,
    @RowsDeleted   int            = 0,
    @Message       nvarchar(max)  = NULL,
    @LoadLogID     bigint         = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON;

    INSERT INTO etl.LoadLog
        (ProcessName, [Status], RowsInserted, RowsUpdated, RowsDeleted, StartedAt, FinishedAt, [Message])
    VALUES
        (@ProcessName,
         @Status,
         ISNULL(@RowsInserted, 0),
         ISNULL(@RowsUpdated, 0),
         ISNULL(@RowsDeleted, 0),
         ISNULL(@StartedAt, SYSDATETIME()),
         SYSDATETIME(),
         @Message);

    SET @LoadLogID = SCOPE_IDENTITY();

    RETURN 0;
END
GO
