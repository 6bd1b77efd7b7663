/*
  extract-catalog.sql: mssql2dbt's catalog extract for one SQL Server database.

  What it does
    Reads the sys.* catalog views of the current database and returns ONE row with ONE column,
    catalog_json: a JSON document that `mssql2dbt extract <file.json>` reads exactly as it reads a
    live connection (mssql2dbt runs this same file when it connects itself).

  It is read-only
    Only SELECTs on catalog views; it creates, changes and locks nothing, and reads no table data
    (row counts come from sys.partitions metadata). The login needs VIEW DEFINITION on the database
    (otherwise module definitions come back NULL) and SQL Server 2016 or later (FOR JSON).

  Running it by hand (air-gapped sites)
    sqlcmd -S <server> -d <database> -E -i extract-catalog.sql -y 0 -h -1 -o catalog.json
      -y 0 keeps the long JSON value whole; -h -1 drops the column header.
    In SSMS, use "Results to File" (Ctrl+Shift+F): the grid cuts long values.
    Then: mssql2dbt extract catalog.json -o metadata.json

  Shape
    { "extractVersion": 1, "database", "serverVersion", "collation",
      "objects", "columns", "indexes", "indexColumns", "foreignKeys", "foreignKeyColumns",
      "checks", "modules", "parameters", "dependencies", "extendedProperties", "sequences",
      "triggers", "triggerEvents", "types", "synonyms", "rowCounts" }
    Each array holds sys.* rows under their sys.* column names. FOR JSON leaves out NULL values
    and an empty array comes back absent; readers treat both as missing.
    sql_variant values (identity seed, sequence bounds, extended property values) are cast to
    nvarchar because FOR JSON cannot serialise sql_variant.

  Change this file and src/catalog/live/rows.ts together, and bump extractVersion when a
  reader of an older version could misread the new shape.
*/
SET NOCOUNT ON;

DECLARE @catalog_json nvarchar(max) = (
SELECT
    1 AS extractVersion,
    DB_NAME() AS [database],
    CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS serverVersion,
    CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128)) AS collation,

    -- User objects of the kinds the catalog models (tables, views, procedures, functions, triggers,
    -- sequences, synonyms); constraints are read from their own views below.
    (SELECT o.object_id, s.name AS schema_name, o.name, RTRIM(o.type) AS type, o.parent_object_id
       FROM sys.objects AS o
       JOIN sys.schemas AS s ON s.schema_id = o.schema_id
      WHERE o.is_ms_shipped = 0
        AND o.type IN ('U', 'V', 'P', 'PC', 'FN', 'IF', 'TF', 'FS', 'FT', 'AF', 'TR', 'SO', 'SN')
      ORDER BY o.object_id
        FOR JSON PATH) AS objects,

    -- Columns of user tables, views, table-valued functions and table types, with identity,
    -- computed and default details folded in.
    (SELECT c.object_id, c.column_id, c.name,
            t.name AS type_name, SCHEMA_NAME(t.schema_id) AS type_schema, t.is_user_defined,
            c.max_length, c.precision, c.scale, c.is_nullable, c.collation_name,
            c.is_identity, CAST(ic.seed_value AS nvarchar(100)) AS seed_value,
            CAST(ic.increment_value AS nvarchar(100)) AS increment_value,
            c.is_computed, cc.definition AS computed_definition, cc.is_persisted,
            dc.name AS default_name, dc.definition AS default_definition
       FROM sys.columns AS c
       JOIN sys.types AS t ON t.user_type_id = c.user_type_id
       JOIN sys.objects AS o ON o.object_id = c.object_id
       LEFT JOIN sys.identity_columns AS ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
       LEFT JOIN sys.computed_columns AS cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
       LEFT JOIN sys.default_constraints AS dc ON dc.parent_object_id = c.object_id AND dc.parent_column_id = c.column_id
      WHERE o.is_ms_shipped = 0 AND o.type IN ('U', 'V', 'IF', 'TF', 'FT', 'TT')
      ORDER BY c.object_id, c.column_id
        FOR JSON PATH) AS columns,

    -- Indexes, including those behind primary keys and unique constraints (is_primary_key,
    -- is_unique_constraint); heaps (type 0) have no index to report.
    (SELECT i.object_id, i.index_id, i.name, i.type_desc, i.is_unique, i.is_primary_key,
            i.is_unique_constraint, i.has_filter, i.filter_definition, i.is_disabled
       FROM sys.indexes AS i
       JOIN sys.objects AS o ON o.object_id = i.object_id
      WHERE o.is_ms_shipped = 0 AND o.type IN ('U', 'V') AND i.type > 0
      ORDER BY i.object_id, i.index_id
        FOR JSON PATH) AS indexes,

    (SELECT ic.object_id, ic.index_id, ic.index_column_id, ic.key_ordinal, c.name AS column_name,
            ic.is_descending_key, ic.is_included_column
       FROM sys.index_columns AS ic
       JOIN sys.columns AS c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
       JOIN sys.objects AS o ON o.object_id = ic.object_id
      WHERE o.is_ms_shipped = 0 AND o.type IN ('U', 'V')
      ORDER BY ic.object_id, ic.index_id, ic.key_ordinal, ic.index_column_id
        FOR JSON PATH) AS indexColumns,

    (SELECT fk.object_id, fk.name, fk.parent_object_id, fk.referenced_object_id,
            SCHEMA_NAME(ro.schema_id) AS referenced_schema_name, ro.name AS referenced_name,
            fk.delete_referential_action_desc, fk.update_referential_action_desc, fk.is_disabled
       FROM sys.foreign_keys AS fk
       JOIN sys.objects AS ro ON ro.object_id = fk.referenced_object_id
      ORDER BY fk.object_id
        FOR JSON PATH) AS foreignKeys,

    (SELECT fkc.constraint_object_id, fkc.constraint_column_id,
            pc.name AS parent_column_name, rc.name AS referenced_column_name
       FROM sys.foreign_key_columns AS fkc
       JOIN sys.columns AS pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
       JOIN sys.columns AS rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
      ORDER BY fkc.constraint_object_id, fkc.constraint_column_id
        FOR JSON PATH) AS foreignKeyColumns,

    (SELECT cc.object_id, cc.name, cc.parent_object_id, cc.parent_column_id, cc.definition, cc.is_disabled
       FROM sys.check_constraints AS cc
      ORDER BY cc.object_id
        FOR JSON PATH) AS checks,

    -- The CREATE text of views, procedures, functions and triggers, as the author wrote it.
    (SELECT m.object_id, m.definition
       FROM sys.sql_modules AS m
       JOIN sys.objects AS o ON o.object_id = m.object_id
      WHERE o.is_ms_shipped = 0
      ORDER BY m.object_id
        FOR JSON PATH) AS modules,

    -- parameter_id 0 is a scalar function's return value.
    (SELECT p.object_id, p.parameter_id, p.name,
            t.name AS type_name, SCHEMA_NAME(t.schema_id) AS type_schema, t.is_user_defined,
            p.max_length, p.precision, p.scale, p.is_output, p.is_readonly,
            p.has_default_value, CAST(p.default_value AS nvarchar(4000)) AS default_value
       FROM sys.parameters AS p
       JOIN sys.types AS t ON t.user_type_id = p.user_type_id
       JOIN sys.objects AS o ON o.object_id = p.object_id
      WHERE o.is_ms_shipped = 0
      ORDER BY p.object_id, p.parameter_id
        FOR JSON PATH) AS parameters,

    -- Name-level references SQL Server recorded at CREATE time. referenced_id is NULL for names
    -- it could not bind (other databases, objects created later, deferred name resolution).
    (SELECT d.referencing_id, d.referencing_minor_id, d.referenced_class_desc,
            d.referenced_server_name, d.referenced_database_name, d.referenced_schema_name,
            d.referenced_entity_name, d.referenced_id, d.is_caller_dependent, d.is_ambiguous
       FROM sys.sql_expression_dependencies AS d
       JOIN sys.objects AS o ON o.object_id = d.referencing_id
      WHERE o.is_ms_shipped = 0
      ORDER BY d.referencing_id, d.referenced_schema_name, d.referenced_entity_name
        FOR JSON PATH) AS dependencies,

    -- MS_Description and other extended properties on objects (minor_id 0) and columns.
    (SELECT ep.major_id, ep.minor_id, ep.name, CAST(ep.value AS nvarchar(4000)) AS value
       FROM sys.extended_properties AS ep
      WHERE ep.class = 1
      ORDER BY ep.major_id, ep.minor_id, ep.name
        FOR JSON PATH) AS extendedProperties,

    (SELECT sq.object_id, t.name AS type_name, sq.precision, sq.scale,
            CAST(sq.start_value AS nvarchar(100)) AS start_value,
            CAST(sq.increment AS nvarchar(100)) AS increment,
            CAST(sq.minimum_value AS nvarchar(100)) AS minimum_value,
            CAST(sq.maximum_value AS nvarchar(100)) AS maximum_value,
            sq.is_cycling, sq.is_cached, sq.cache_size
       FROM sys.sequences AS sq
       JOIN sys.types AS t ON t.user_type_id = sq.user_type_id
      ORDER BY sq.object_id
        FOR JSON PATH) AS sequences,

    -- DML triggers (parent_class 1) and database DDL triggers (parent_class 0).
    (SELECT tr.object_id, tr.name, tr.parent_class_desc, tr.parent_id, tr.is_instead_of_trigger,
            tr.is_disabled, SCHEMA_NAME(po.schema_id) AS parent_schema_name
       FROM sys.triggers AS tr
       LEFT JOIN sys.objects AS po ON po.object_id = tr.parent_id
      WHERE tr.is_ms_shipped = 0
      ORDER BY tr.object_id
        FOR JSON PATH) AS triggers,

    (SELECT te.object_id, te.type_desc
       FROM sys.trigger_events AS te
      ORDER BY te.object_id, te.type
        FOR JSON PATH) AS triggerEvents,

    -- User-defined alias types, table types and CLR types; base_type_name is the system type
    -- an alias stands for.
    (SELECT t.user_type_id, SCHEMA_NAME(t.schema_id) AS schema_name, t.name,
            bt.name AS base_type_name, t.max_length, t.precision, t.scale, t.is_nullable,
            t.is_table_type, t.is_assembly_type, tt.type_table_object_id
       FROM sys.types AS t
       LEFT JOIN sys.types AS bt ON bt.user_type_id = t.system_type_id
       LEFT JOIN sys.table_types AS tt ON tt.user_type_id = t.user_type_id
      WHERE t.is_user_defined = 1
      ORDER BY t.user_type_id
        FOR JSON PATH) AS types,

    (SELECT sn.object_id, sn.base_object_name
       FROM sys.synonyms AS sn
      ORDER BY sn.object_id
        FOR JSON PATH) AS synonyms,

    -- Row counts from the heap or clustered index partitions: metadata, no table scan.
    (SELECT p.object_id, SUM(p.rows) AS row_count
       FROM sys.partitions AS p
       JOIN sys.objects AS o ON o.object_id = p.object_id
      WHERE o.is_ms_shipped = 0 AND o.type = 'U' AND p.index_id IN (0, 1)
      GROUP BY p.object_id
      ORDER BY p.object_id
        FOR JSON PATH) AS rowCounts
FOR JSON PATH, WITHOUT_ARRAY_WRAPPER
);

SELECT @catalog_json AS catalog_json;
