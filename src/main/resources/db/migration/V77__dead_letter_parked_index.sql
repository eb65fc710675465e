-- The gauge simpul_dead_letters_parked (DeadLetters.PARKED_WAITING) counts the waiting dead letters the broker parked
-- (error class 'BROKER') at every scrape. ix_dead_letter_state leads with the state, so that count read the row of every
-- waiting dead letter to check its class: all of them, when a regency's system was down and thousands waited. In B4,
-- whose harness scraped 20 times a second, it was 15 % of the hub's CPU at 20,000 waiting (docs/performance.md,
-- "Twenty-eighth pass"). Led by the class, the count reads the parked ones only, usually none. Each dead letter
-- written pays one more index entry.
CREATE INDEX ix_dead_letter_parked ON dead_letter (error_class, state);
