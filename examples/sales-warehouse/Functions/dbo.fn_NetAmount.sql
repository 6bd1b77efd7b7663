/*
    Function: dbo.fn_NetAmount
    Purpose:  Net amount of a line after a percentage discount, rounded to cents.
              Shared by the fact load and the order status views so that everyone rounds the same way.
    Example:  SELECT dbo.fn_NetAmount(199.90, 12.5);   -- 174.91
*/
CREATE FUNCTION dbo.fn_NetAmount
(
    @Gross        money,
    @DiscountPct  decimal(5, 2)
)
RETURNS money
WITH SCHEMABINDING
AS
BEGIN
    DECLARE @Net money;

    IF @Gross IS NULL
        RETURN NULL;

    -- A NULL discount means "no discount", not "unknown".
    SET @Net = @Gross * (1 - ISNULL(@DiscountPct, 0) / 100.0);

    RETURN ROUND(@Net, 2);
END
GO
