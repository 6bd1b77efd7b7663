-- Table: etl.Watermark
-- High-water marks for incremental loads: the last source key loaded per source table.
CREATE TABLE [etl].[Watermark]
(
    [SourceName]      NVARCHAR(128)  NOT NULL,
    [LastLoadedID]    BIGINT         NOT NULL CONSTRAINT [DF_Watermark_LastLoadedID] DEFAULT (0),
    [LastLoadedDate]  DATETIME2(7)   NULL,
    [UpdatedAt]       DATETIME2(7)   NOT NULL CONSTRAINT [DF_Watermark_UpdatedAt] DEFAULT (SYSDATETIME()),
    CONSTRAINT [PK_Watermark] PRIMARY KEY CLUSTERED ([SourceName]),
    CONSTRAINT [CK_Watermark_LastLoadedID] CHECK ([LastLoadedID] >= 0)
)
GO
