-- Accounts: the admin and the filmmakers who share this server.
CREATE TABLE accounts (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'filmmaker')),
    created_at    TEXT NOT NULL
);
