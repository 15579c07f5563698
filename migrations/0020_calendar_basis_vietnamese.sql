-- Databases set up before the calendar basis was worded in Vietnamese show the old English reference in the
-- "Căn cứ" column of Lịch ngày nghỉ; rows the user rewrote are left alone.
UPDATE `holidays` SET `source` = 'Bộ luật Lao động 2019, Điều 112; lịch nghỉ đã công bố' WHERE `source` = 'RULES.md §3 Working days';
