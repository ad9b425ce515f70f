CREATE TABLE "analytics_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "analytics_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"category" text NOT NULL,
	"aggregation" text NOT NULL,
	"source" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "analytics_rollups" (
	"org_id" integer NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"sum" double precision NOT NULL,
	"n" integer NOT NULL,
	"max" double precision NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_rollups_org_id_month_metric_pk" PRIMARY KEY("org_id","month","metric")
);
--> statement-breakpoint
CREATE TABLE "indicator_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"created_by" integer NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'checked' NOT NULL,
	"rows" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"duplicates" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_value_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_value_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"code" text NOT NULL,
	"month" date NOT NULL,
	"old_value" double precision,
	"new_value" double precision NOT NULL,
	"source" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_values_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"code" text NOT NULL,
	"month" date NOT NULL,
	"value" double precision NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"permission" text NOT NULL,
	"org_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by" integer NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"window_start" timestamp with time zone,
	"window_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_rollups_month_idx" ON "analytics_rollups" USING btree ("month","metric");--> statement-breakpoint
CREATE INDEX "indicator_value_history_path_idx" ON "indicator_value_history" USING btree ("org_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_values_uq" ON "indicator_values" USING btree ("org_id","code","month");--> statement-breakpoint
CREATE INDEX "indicator_values_month_idx" ON "indicator_values" USING btree ("month");--> statement-breakpoint
CREATE INDEX "indicator_values_path_idx" ON "indicator_values" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "service_tokens_hash_uq" ON "service_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "service_tokens_path_idx" ON "service_tokens" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
-- The default indicators (issue 23 item 1): production, safety and HR, as data; more are added as rows.
INSERT INTO "analytics_indicators" ("code", "name", "unit", "category", "aggregation", "source", "sort") VALUES
  ('coal_output', '原煤产量', 't', 'production', 'sum', '生产调度月报', 10),
  ('tunnel_footage', '掘进进尺', 'm', 'production', 'sum', '生产调度月报', 20),
  ('coal_sales', '商品煤销量', 't', 'production', 'sum', '销售月报', 30),
  ('sales_revenue', '销售收入', '元', 'production', 'sum', '财务月报', 40),
  ('hazard_general', '一般隐患', '项', 'safety', 'sum', '隐患排查治理台账', 110),
  ('hazard_major', '较大隐患', '项', 'safety', 'sum', '隐患排查治理台账', 120),
  ('hazard_serious', '重大隐患', '项', 'safety', 'sum', '隐患排查治理台账', 130),
  ('hazard_closed_on_time', '按期整改隐患', '项', 'safety', 'sum', '隐患排查治理台账', 140),
  ('violations', '三违', '人次', 'safety', 'sum', '安监处三违台账', 150),
  ('accident_general', '一般事故', '起', 'safety', 'sum', '事故报告', 160),
  ('accident_major', '较大及以上事故', '起', 'safety', 'sum', '事故报告', 170),
  ('safe_days', '安全生产天数', '天', 'safety', 'last', '安监处', 180),
  ('shift_leading', '带班下井', '次', 'safety', 'sum', '领导带班记录', 190),
  ('headcount', '在岗人数', '人', 'hr', 'last', '人力资源月报', 210),
  ('age_u35', '35岁及以下职工', '人', 'hr', 'last', '人力资源月报', 220),
  ('age_36_50', '36至50岁职工', '人', 'hr', 'last', '人力资源月报', 230),
  ('age_o50', '50岁以上职工', '人', 'hr', 'last', '人力资源月报', 240),
  ('skill_senior', '高级工及以上', '人', 'hr', 'last', '人力资源月报', 250),
  ('skill_middle', '中级工', '人', 'hr', 'last', '人力资源月报', 260),
  ('skill_junior', '初级工及以下', '人', 'hr', 'last', '人力资源月报', 270),
  ('hires', '新入职', '人', 'hr', 'sum', '人力资源月报', 280),
  ('leavers', '离职', '人', 'hr', 'sum', '人力资源月报', 290);
