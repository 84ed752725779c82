import { USER_NAME_PATTERN, USER_ROLES } from "@uplink/core";
import { z } from "zod";

/** The body of `POST /api/users`: the one source of its validation and OpenAPI schema. */
export const addUserBodySchema = z.strictObject({
  name: z.string().regex(USER_NAME_PATTERN).meta({ description: "User name", example: "ada" }),
  role: z.enum(USER_ROLES).meta({ description: "The user's one role (SPEC §10)" }),
  password: z
    .string()
    .min(8)
    .max(1_024)
    .optional()
    .meta({ description: "A password for the console's sign-in; without it the token is the password" }),
});

/** The body of `POST /api/session` (the console's sign-in). */
export const signInBodySchema = z.strictObject({
  name: z.string().min(1).max(64).meta({ description: "User name" }),
  password: z.string().min(1).max(1_024).meta({ description: "The user's password, or its token" }),
});

/** The query of `GET /api/audit`: a page size and the `nextCursor` of the page before. */
export const auditQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .meta({ description: "Entries per page (≤ 500)" }),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .optional()
    .meta({ description: "The nextCursor of the previous page" }),
});
