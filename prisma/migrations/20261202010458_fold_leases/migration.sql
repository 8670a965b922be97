-- Fold ServiceLease into Lease, the one lease table (src/db/lease.ts): a
-- service's "service:ID" heartbeat becomes its "instance:ID" lease, an admin
-- command's "admin:ID" stays as it is.
INSERT OR IGNORE INTO "Lease" ("name", "holder", "expiresAt")
SELECT CASE WHEN "name" LIKE 'service:%' THEN 'instance:' || substr("name", 9) ELSE "name" END, "holder", "expiresAt"
FROM "ServiceLease";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ServiceLease";
PRAGMA foreign_keys=on;
