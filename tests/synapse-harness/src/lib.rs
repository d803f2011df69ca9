//! Starts and stops a real local Synapse homeserver for tests and registers users on it.
