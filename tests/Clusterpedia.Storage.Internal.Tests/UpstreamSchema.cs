namespace Clusterpedia.Storage.Internal.Tests;

/// <summary>The table and rows as upstream Clusterpedia (GORM AutoMigrate and its writes) leaves them.</summary>
internal static class UpstreamSchema
{
    public const string Postgres = """
        CREATE TABLE "resources" ("id" bigserial,"group" varchar(63) NOT NULL,"version" varchar(15) NOT NULL,"resource" varchar(63) NOT NULL,
          "kind" varchar(63) NOT NULL,"cluster" varchar(253) NOT NULL,"namespace" varchar(253) NOT NULL,"name" varchar(253) NOT NULL,
          "owner_uid" varchar(36) NOT NULL DEFAULT '',"uid" varchar(36) NOT NULL,"resource_version" varchar(30) NOT NULL,"object" JSONB NOT NULL,
          "events" JSONB,"event_resource_versions" JSONB,"created_at" timestamptz NOT NULL,"synced_at" timestamptz NOT NULL,"deleted_at" timestamptz,
          PRIMARY KEY ("id"));
        CREATE UNIQUE INDEX IF NOT EXISTS "uni_group_version_resource_cluster_namespace_name" ON "resources" ("group","version","resource","cluster","namespace","name");
        CREATE INDEX IF NOT EXISTS "idx_group_version_resource_namespace_name" ON "resources" ("group","version","resource","namespace","name");
        CREATE INDEX IF NOT EXISTS "idx_group_version_resource_name" ON "resources" ("group","version","resource","name");
        CREATE INDEX IF NOT EXISTS "idx_cluster" ON "resources" ("cluster");
        """;

    public const string MySql = """
        CREATE TABLE `resources` (`id` bigint unsigned AUTO_INCREMENT,`group` varchar(63) NOT NULL,`version` varchar(15) NOT NULL,
          `resource` varchar(63) NOT NULL,`kind` varchar(63) NOT NULL,`cluster` varchar(253) NOT NULL,`namespace` varchar(253) NOT NULL,
          `name` varchar(253) NOT NULL,`owner_uid` varchar(36) NOT NULL DEFAULT '',`uid` varchar(36) NOT NULL,`resource_version` varchar(30) NOT NULL,
          `object` JSON NOT NULL,`events` JSON,`event_resource_versions` JSON,`created_at` datetime(3) NOT NULL,`synced_at` datetime(3) NOT NULL,
          `deleted_at` datetime(3) NULL,PRIMARY KEY (`id`),
          UNIQUE INDEX `uni_group_version_resource_cluster_namespace_name` (`group`,`version`,`resource`,`cluster`(100),`namespace`(50),`name`(100)),
          INDEX `idx_group_version_resource_namespace_name` (`group`,`version`,`resource`,`namespace`,`name`),
          INDEX `idx_group_version_resource_name` (`group`,`version`,`resource`,`name`),INDEX `idx_cluster` (`cluster`))
        """;

    /// <summary>A pod row as upstream writes it: the object in storage-version JSON with the cluster annotation.</summary>
    public static string InsertPod(bool postgres, string cluster, string @namespace, string name, string uid, string ownerUid, string rv, string app)
    {
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + @namespace +
            "\",\"uid\":\"" + uid + "\",\"resourceVersion\":\"" + rv + "\",\"creationTimestamp\":\"2023-05-06T07:08:09Z\",\"labels\":{\"app\":\"" + app +
            "\"},\"annotations\":{\"shadow.clusterpedia.io/cluster-name\":\"" + cluster + "\"}},\"spec\":{\"nodeName\":\"node-1\"},\"status\":{\"phase\":\"Running\"}}";
        var g = postgres ? "\"group\"" : "`group`";
        return $"INSERT INTO resources ({g}, version, resource, kind, cluster, namespace, name, owner_uid, uid, resource_version, object, created_at, synced_at) " +
               $"VALUES ('', 'v1', 'pods', 'Pod', '{cluster}', '{@namespace}', '{name}', '{ownerUid}', '{uid}', '{rv}', '{json}', '2023-05-06 07:08:09', '2023-05-06 07:08:10')";
    }
}
