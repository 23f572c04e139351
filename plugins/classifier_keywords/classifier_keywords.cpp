// classifier_keywords: weighted keyword and regular-expression rules, in
// Chinese and English, that propose a category, a priority and tags for a new
// complaint, with the rules that fired. Safety words make it urgent (D8).
#include <redress/redress.hpp>

#include <nlohmann/json.hpp>

#include "json_paths.hpp"
#include "keyword_rules.hpp"

namespace classifier_keywords {
namespace {

constexpr const char* kSettingsSchema = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "scale": {"type": "number", "exclusiveMinimum": 0, "default": 2,
      "description": "The summed weight at which a category's confidence reaches 1."},
    "rules": {
      "type": "array",
      "items": {
        "type": "object", "additionalProperties": false, "required": ["name"],
        "properties": {
          "name": {"type": "string", "minLength": 1},
          "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}},
          "pattern": {"type": "string", "minLength": 1, "description": "ECMAScript regular expression, case-insensitive"},
          "category": {"type": "string"},
          "priority": {"enum": ["urgent", "normal", "low"]},
          "weight": {"type": "number", "minimum": 0, "default": 1},
          "tags": {"type": "array", "items": {"type": "string"}}
        }
      },
      "default": [
        {"name": "safety", "category": "product.safety", "priority": "urgent", "weight": 3, "tags": ["safety"],
         "keywords": ["起火", "着火", "冒烟", "漏电", "触电", "爆炸", "烫伤", "受伤", "火花",
                      "fire", "smoke", "spark", "electric shock", "explod", "burn", "injur"]},
        {"name": "fault", "category": "product.fault", "weight": 1,
         "keywords": ["故障", "坏了", "不工作", "无法开机", "开不了机", "漏水", "异响", "死机", "失灵",
                      "broken", "not working", "doesn't work", "won't turn on", "leak", "noise", "defect", "faulty"]},
        {"name": "late-delivery", "category": "logistics.delay", "weight": 1,
         "keywords": ["快递", "物流", "配送", "没收到", "延误", "送货", "还没到",
                      "delivery", "courier", "parcel", "shipping", "never arrived", "not arrived"]},
        {"name": "transit-damage", "category": "logistics.damage", "weight": 2,
         "keywords": ["破损", "摔坏", "压坏", "damaged in transit", "arrived damaged", "crushed"]},
        {"name": "attitude", "category": "service.attitude", "weight": 1,
         "keywords": ["态度", "不耐烦", "粗鲁", "骂人", "挂电话", "rude", "impolite", "unfriendly", "attitude", "hung up"]},
        {"name": "pricing", "category": "policy.pricing", "weight": 1,
         "keywords": ["价格", "多收", "乱收费", "扣费", "overcharged", "charged twice", "price"]},
        {"name": "returns", "category": "policy.returns", "weight": 1,
         "keywords": ["退货", "退款", "换货", "refund", "return", "exchange"]},
        {"name": "enquiry", "priority": "low", "weight": 0.5,
         "keywords": ["建议", "咨询", "请问", "suggest", "enquiry", "inquiry", "question"]}
      ]
    }
  }
})";

std::string text_of(const nlohmann::json& complaint) {
    std::string text;
    for (const char* key : {"subject", "description", "demand", "product"})
        if (complaint.contains(key) && complaint[key].is_string())
            text += complaint[key].get<std::string>() + "\n";
    return text;
}

}  // namespace

class KeywordClassifier : public redress::Classifier {
  public:
    explicit KeywordClassifier(redress::Host host) : Classifier(host) {
        auto settings = nlohmann::json::parse(host.settings());
        try {
            rules_ = read_rules(settings);
        } catch (const std::invalid_argument& e) {
            throw redress::Invalid(e.what());
        }
        scale_ = settings.at("scale").get<double>();
        host.info("loaded " + std::to_string(rules_.size()) + " rules");
    }

    std::string classify(std::string_view complaint_json) override {
        static const redress_plugins::JsonPaths read(
            {"/subject", "/description", "/demand", "/product"});
        auto complaint = read.parse_object(complaint_json);
        if (!complaint) throw redress::Invalid("the complaint is not a JSON object");
        Verdict v = classify_text(rules_, text_of(*complaint), scale_);
        nlohmann::json proposal = {
            {"confidence", v.confidence}, {"rules", v.fired}, {"tags", v.tags}};
        if (!v.category.empty()) proposal["category"] = v.category;
        if (!v.priority.empty()) proposal["priority"] = v.priority;
        return proposal.dump();
    }

  private:
    std::vector<Rule> rules_;
    double scale_ = 2;
};

}  // namespace classifier_keywords

REDRESS_MODULE(
    "classifier_keywords", "1.0.0", "Weighted keyword and pattern rules in Chinese and English",
    redress::provide<classifier_keywords::KeywordClassifier>(classifier_keywords::kSettingsSchema))
