-- PostgreSQL variant of db/migration/V11_4.
CREATE TABLE film_grants (
    film_id    TEXT NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (film_id, account_id)
);
CREATE INDEX film_grants_account ON film_grants (account_id);
