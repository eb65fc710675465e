-- A report to OSS whose dead letter an operator discarded is DISCARDED (docs/delivery.md, "Back-sync to OSS"): it
-- never reaches OSS, and no longer holds back the steps of a later registration of the permit, while a
-- DEAD_LETTERED one, whose dead letter waits and may be replayed, does. Reports discarded before this version
-- kept DEAD_LETTERED; they are those whose dead letters (payload {"reportId":n}) were discarded and none waits.
-- The steps they held stay held until reconciliation's STATUS_HELD fix sends them (docs/operations.md).
-- Portable SQL: PostgreSQL and H2 in PostgreSQL mode.
UPDATE status_report SET state = 'DISCARDED'
 WHERE state = 'DEAD_LETTERED'
   AND EXISTS (SELECT 1 FROM dead_letter d
                WHERE d.step = 'delivery-report-status' AND d.state = 'DISCARDED'
                  AND d.payload = CONCAT('{"reportId":', status_report.id, '}'))
   AND NOT EXISTS (SELECT 1 FROM dead_letter d
                    WHERE d.step = 'delivery-report-status' AND d.state = 'WAITING'
                      AND d.payload = CONCAT('{"reportId":', status_report.id, '}'));
