/**
 * vitest setupFile of the PostgreSQL projects: after each test file (and after the file's own afterAll
 * hooks, which stop its servers), drop the databases it created.
 */
import { afterAll } from "vitest";
import { dropCreatedDatabases } from "./db";

afterAll(dropCreatedDatabases);
