-- The per-month search keys of Search/SearchText.InBucket, in SQL, so that a search is one
-- statement with one plan for every month it walks (a LATERAL look-up per month, newest first)
-- instead of one UNION ALL branch per month planned afresh each time. Must give exactly what the
-- C# gives: an integration test compares them.
CREATE FUNCTION search_mix(h bigint, c integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    -- FNV-1a over a UTF-16 unit, low byte then high byte, in unsigned 32-bit arithmetic.
    RETURN ((((h # (c & 255)) * 16777619) & 4294967295) # ((c >> 8) & 255)) * 16777619 & 4294967295;

CREATE FUNCTION search_key_in_month(key integer, month integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE WHEN h >= 2147483648 THEN h - 4294967296 ELSE h END::integer
            FROM (SELECT search_mix(search_mix(search_mix(search_mix(key::bigint & 4294967295, 98), month & 65535), (month >> 16) & 65535), 109) AS h) x);

CREATE FUNCTION search_keys_in_month(keys integer[], month integer) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT search_key_in_month(k, month) FROM unnest(keys) AS k);

-- The first instant (UTC) of a month counted from January 2000.
CREATE FUNCTION search_month_start(month integer) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN make_timestamptz(2000, 1, 1, 0, 0, 0, 'UTC') + make_interval(months => month);
