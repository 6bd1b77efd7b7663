/*
    Table:   etl.LoadLog
    Purpose: One row per ETL step execution, written by etl.usp_LogLoad.
    Notes:   Kept for the ops dashboard; DurationMs is computed, not stored.
*/
CREATE TABLE etl.LoadLog
(
    LoadLogID      bigint IDENTITY(1,1) NOT NULL PRIMARY KEY CLUSTERED,
    ProcessName    nvarchar(128)   NOT NULL,
    [Status]       varchar(10)     NOT NULL,
    RowsInserted   int             NOT NULL DEFAULT 0,
    RowsUpdated    int             NOT NULL DEFAULT 0,
    RowsDeleted    int             NOT NULL DEFAULT 0,
    StartedAt      datetime2(7)    NOT NULL,
    FinishedAt     datetime2(7)    NOT NULL DEFAULT SYSDATETIME(),
    DurationMs     AS DATEDIFF(MILLISECOND, StartedAt, FinishedAt),
    [Message]      nvarchar(max)   NULL,
    LoggedBy       nvarchar(128)   NOT NULL DEFAULT SUSER_SNAME(),
    HostName       nvarchar(128)   NULL DEFAULT HOST_NAME(),
    CHECK ([Status] IN ('Started', 'Succeeded', 'Failed', 'Skipped'))
);
GO
