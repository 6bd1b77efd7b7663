/**
 * Deterministic generator of realistic T-SQL install scripts of any size, for the parser's
 * memory test and throughput benchmark: tables with constraints, multi-row INSERTs, views with
 * joins and window functions, and procedures with control flow, separated by GO.
 */

/** Small seeded PRNG (mulberry32) so every run parses the same text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['int', 'bigint', 'nvarchar(50)', 'varchar(200)', 'decimal(18, 2)', 'money', 'datetime2(3)', 'date', 'bit', 'uniqueidentifier'];
const WORDS = ['Alpha', 'Bravo', "O'Neil", 'Müller', 'Zürich', 'São Paulo', 'Delta', 'Echo', 'Fox', 'Golf'];

function table(i: number, rnd: () => number): string {
  const cols = 4 + Math.floor(rnd() * 8);
  const lines = [`    [ID] int IDENTITY(1, 1) NOT NULL CONSTRAINT [PK_T${i}] PRIMARY KEY CLUSTERED`];
  for (let c = 1; c < cols; c++) {
    const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
    lines.push(`    [Col${c}] ${type} ${rnd() < 0.5 ? 'NULL' : 'NOT NULL'}${type === 'bit' ? ' DEFAULT (0)' : ''}`);
  }
  if (i > 0) lines.push(`    CONSTRAINT [FK_T${i}_T${i - 1}] FOREIGN KEY ([Col1]) REFERENCES dbo.T${i - 1} ([ID])`);
  return `-- table ${i}\nCREATE TABLE dbo.T${i} (\n${lines.join(',\n')}\n);\nGO\n`;
}

/**
 * Data the way SSMS "Generate Scripts" writes it (and the Northwind/pubs install scripts are
 * written): one INSERT per row, bracketed names, a column list, N'' strings, CAST(… AS DateTime).
 */
function inserts(i: number, rnd: () => number): string {
  const rows: string[] = [];
  for (let r = 0; r < 50; r++) {
    const w = WORDS[Math.floor(rnd() * WORDS.length)]!.replace(/'/g, "''");
    const day = `2024-${String(1 + (r % 12)).padStart(2, '0')}-${String(1 + (r % 28)).padStart(2, '0')}`;
    rows.push(
      `INSERT [dbo].[T${i}] ([Col1], [Col2], [Col3], [Col4]) VALUES (${Math.floor(rnd() * 100000)}, N'${w} customer ${r}', ${(rnd() * 1000).toFixed(4)}, CAST(N'${day}T00:00:00.000' AS DateTime))`,
    );
  }
  return rows.join('\n') + '\n';
}

function view(i: number): string {
  return `CREATE VIEW dbo.V${i}
AS
SELECT a.[ID], a.[Col1], b.[Col2] AS Other,
       CASE WHEN a.[Col3] > 100 THEN 'high' WHEN a.[Col3] > 10 THEN 'mid' ELSE 'low' END AS Band,
       ROW_NUMBER() OVER (PARTITION BY a.[Col1] ORDER BY a.[ID] DESC) AS rn,
       ISNULL(CONVERT(varchar(10), a.[Col4], 112), '') + '-' + LEFT(b.[Col2], 3) AS Label
FROM dbo.T${i} AS a
LEFT OUTER JOIN dbo.T${Math.max(0, i - 1)} AS b ON b.[ID] = a.[Col1]
WHERE a.[Col3] IS NOT NULL AND a.[Col1] IN (SELECT [ID] FROM dbo.T${Math.max(0, i - 1)} WHERE [Col3] > 0);
GO
`;
}

function procedure(i: number): string {
  return `CREATE PROCEDURE dbo.P${i}
    @From date = '2024-01-01',
    @Limit int = 100,
    @Count int OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @i int = 0, @msg nvarchar(200);
    BEGIN TRY
        BEGIN TRAN;
        WHILE @i < @Limit
        BEGIN
            UPDATE t SET t.[Col3] = t.[Col3] * 1.01 FROM dbo.T${i} AS t WHERE t.[ID] = @i;
            SET @i += 1;
        END;
        MERGE dbo.T${i} AS tgt
        USING (SELECT [ID], [Col1] FROM dbo.T${Math.max(0, i - 1)}) AS src ON tgt.[ID] = src.[ID]
        WHEN MATCHED THEN UPDATE SET tgt.[Col1] = src.[Col1]
        WHEN NOT MATCHED THEN INSERT ([Col1]) VALUES (src.[Col1]);
        SELECT @Count = COUNT(*) FROM dbo.T${i} WHERE [Col4] >= @From;
        COMMIT;
    END TRY
    BEGIN CATCH
        IF @@TRANCOUNT > 0 ROLLBACK;
        SET @msg = ERROR_MESSAGE();
        RAISERROR(@msg, 16, 1);
    END CATCH;
END;
GO
`;
}

/** A script of at least `targetBytes` UTF-16 code units (≈ bytes: the text is mostly ASCII). */
export function generateScript(targetBytes: number, seed = 42): string {
  const rnd = prng(seed);
  const parts: string[] = ['SET NOCOUNT ON;\nGO\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < targetBytes; i++) {
    const chunk = table(i, rnd) + 'SET IDENTITY_INSERT [dbo].[T' + i + '] ON\n' + inserts(i, rnd) + inserts(i, rnd) + 'SET IDENTITY_INSERT [dbo].[T' + i + '] OFF\nGO\n' + view(i) + procedure(i);
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('');
}
