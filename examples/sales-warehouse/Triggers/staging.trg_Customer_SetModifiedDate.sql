/*
    Trigger: staging.trg_Customer_SetModifiedDate
    Table:   staging.Customer (AFTER UPDATE)
    Purpose: Stamps ModifiedDate when a tracked attribute really changed. The OMS re-sends
             unchanged rows all the time, so a plain "UPDATE(col)" is not enough: the row is
             compared with its before-image (deleted) using EXCEPT, which is NULL-safe.
    Notes:   - If the statement sets ModifiedDate itself, the trigger leaves it alone.
             - Comparison follows the column collation and SQL Server's trailing-space rules:
               'Summit Guides ' -> 'Summit Guides' or a change of letter case is NOT a change.
*/
CREATE TRIGGER [staging].[trg_Customer_SetModifiedDate]
ON [staging].[Customer]
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    IF NOT EXISTS (SELECT 1 FROM inserted)
        RETURN;

    -- caller maintains the column explicitly
    IF UPDATE(ModifiedDate)
        RETURN;

    -- guard against re-entry when RECURSIVE_TRIGGERS is switched on for the database
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1
        RETURN;

    IF UPDATE(FirstName) OR UPDATE(LastName) OR UPDATE(CompanyName) OR UPDATE(Email) OR UPDATE(Phone)
       OR UPDATE(City) OR UPDATE(RegionCode) OR UPDATE(CustomerSegment) OR UPDATE(IsActive)
    BEGIN
        UPDATE c
           SET ModifiedDate = GETDATE()
          FROM staging.Customer AS c
          INNER JOIN inserted AS i
                  ON i.CustomerID = c.CustomerID
          INNER JOIN deleted AS d
                  ON d.CustomerID = i.CustomerID
         WHERE EXISTS (SELECT i.FirstName, i.LastName, i.CompanyName, i.Email, i.Phone,
                              i.City, i.RegionCode, i.CustomerSegment, i.IsActive
                       EXCEPT
                       SELECT d.FirstName, d.LastName, d.CompanyName, d.Email, d.Phone,
                              d.City, d.RegionCode, d.CustomerSegment, d.IsActive);
    END
END
GO
