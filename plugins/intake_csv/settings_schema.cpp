#include "settings_schema.hpp"

namespace intake_csv {

const char* const kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "columns": {
      "type": "object",
      "description": "Complaint field -> the header name(s) of its column. Fields: source_id, channel, customer.id, customer.name, customer.phone, customer.email, customer.type, customer.company, subject, description, demand, product, region, phase, purchased_at, received_at, urgency, priority, category, tags (split at ; or ,), received_by.",
      "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
      "default": {
        "source_id": ["source_id", "id", "记录编号", "编号"],
        "channel": ["channel", "渠道", "来源"],
        "customer.name": ["customer_name", "name", "客户姓名", "姓名"],
        "customer.phone": ["customer_phone", "phone", "电话", "联系电话"],
        "customer.email": ["customer_email", "email", "邮箱"],
        "customer.company": ["company", "单位"],
        "subject": ["subject", "标题", "主题"],
        "description": ["description", "投诉内容", "内容", "问题描述"],
        "demand": ["demand", "诉求", "客户诉求"],
        "product": ["product", "产品", "产品型号"],
        "region": ["region", "地区", "区域"],
        "purchased_at": ["purchased_at", "购买日期"],
        "received_at": ["received_at", "受理时间", "来电时间"],
        "urgency": ["urgency", "紧急程度"],
        "priority": ["priority", "优先级"],
        "category": ["category", "类别"],
        "tags": ["tags", "标签"],
        "received_by": ["received_by", "受理人"]
      }
    },
    "channel": {"enum": ["phone", "walk_in", "email", "web_form", "chat", "social_media", "api"], "default": "phone",
      "description": "The channel of rows without a channel cell."},
    "channel_values": {"type": "object", "additionalProperties": {"type": "string"},
      "default": {"电话": "phone", "来电": "phone", "热线": "phone", "来访": "walk_in", "到店": "walk_in", "门店": "walk_in", "walk-in": "walk_in"},
      "description": "Cell values of the channel column translated to channel names."},
    "delimiter": {"type": "string", "minLength": 1, "maxLength": 1, "default": ","},
    "utc_offset": {"type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$", "default": "+08:00",
      "description": "The time zone of times written without one (2026-11-20 14:30)."},
    "require_source_id": {"type": "boolean", "default": true},
    "atomic": {"type": "boolean", "default": true,
      "description": "Record a batch whole or not at all; false records the good rows and reports the bad."},
    "max_rows": {"type": "integer", "minimum": 1, "default": 100000}
  }
})";

}  // namespace intake_csv
