#include "common/jsonpath/evaluate.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/jsonpath/compare.h"
#include "common/jsonpath/go_format.h"

namespace kube::jsonpath {
namespace {

absl::Status EvalError(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

// Values that have members or elements, as Go ranges over them: an object's in
// document order (Go's map order is random), an array's, and a non-empty string's
// bytes, which count for recursive descent though they hold nothing further.
bool HasChildren(const rapidjson::Value& value) {
  if (value.IsObject()) return value.MemberCount() > 0;
  if (value.IsArray()) return !value.Empty();
  if (value.IsString()) return value.GetStringLength() > 0;
  return false;
}

void AppendChildren(const rapidjson::Value& value, Values& out) {
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) out.push_back(&member.value);
  } else if (value.IsArray()) {
    for (const rapidjson::Value& element : value.GetArray()) out.push_back(&element);
  }
}

class Evaluator {
 public:
  explicit Evaluator(EvaluateOptions options) : options_(options) {}

  absl::StatusOr<Values> Walk(const Values& input, const Node& node) {
    switch (node.type) {
      case NodeType::kList:
        return EvalList(input, node.nodes);
      case NodeType::kText:
        return Values{node.literal};
      case NodeType::kField:
        return EvalField(input, node);
      case NodeType::kArray:
        return EvalArray(input, node);
      case NodeType::kFilter:
        return EvalFilter(input, node);
      case NodeType::kInt:
      case NodeType::kFloat:
      case NodeType::kBool:
        return Values(input.size(), node.literal);
      case NodeType::kWildcard:
        return EvalWildcard(input);
      case NodeType::kRecursive:
        return EvalRecursive(input);
      case NodeType::kUnion:
        return EvalUnion(input, node);
      case NodeType::kIdentifier:
        if (node.name == "range" || node.name == "end") {
          return absl::UnimplementedError(
              absl::StrCat("jsonpath {", node.name, "} is not supported"));
        }
        return EvalError(absl::StrCat("unrecognized identifier ", node.name));
    }
    return EvalError("unexpected Node");
  }

  absl::StatusOr<Values> EvalList(const Values& input, const NodeList& nodes) {
    Values current = input;
    for (const Node& node : nodes) {
      absl::StatusOr<Values> next = Walk(current, node);
      if (!next.ok()) return next.status();
      current = *std::move(next);
    }
    return current;
  }

 private:
  absl::StatusOr<Values> EvalField(const Values& input, const Node& node) {
    Values results;
    if (input.empty()) return results;
    for (const rapidjson::Value* value : input) {
      if (!value->IsObject()) continue;  // null, or a kind without fields
      auto member = value->FindMember(rapidjson::StringRef(node.name.data(), node.name.size()));
      if (member != value->MemberEnd()) results.push_back(&member->value);
    }
    if (results.empty() && !options_.allow_missing_keys) {
      return EvalError(absl::StrCat(node.name, " is not found"));
    }
    return results;
  }

  absl::StatusOr<Values> EvalArray(const Values& input, const Node& node) {
    Values results;
    for (const rapidjson::Value* value : input) {
      if (value->IsNull()) continue;
      if (!value->IsArray()) {
        return EvalError(absl::StrCat(GoTypeName(*value), " is not array or slice"));
      }
      const int64_t length = value->Size();
      std::array<ArrayParam, 3> params = node.params;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += length;
      if (!params[1].known) params[1].value = length;
      if (params[1].value < 0 || (params[1].value == 0 && params[1].derived)) {
        params[1].value += length;
      }
      // Asking for no elements stops the whole evaluation of this node, as upstream.
      if (params[1].value == params[0].value) return results;
      if (params[0].value >= length || params[0].value < 0) {
        return EvalError(absl::StrCat("array index out of bounds: index ", params[0].value,
                                      ", length ", length));
      }
      if (params[1].value > length || params[1].value < 0) {
        return EvalError(absl::StrCat("array index out of bounds: index ", params[1].value - 1,
                                      ", length ", length));
      }
      if (params[0].value > params[1].value) {
        return EvalError(absl::StrCat("starting index ", params[0].value,
                                      " is greater than ending index ", params[1].value));
      }
      int64_t step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) return EvalError("step must be > 0");
        step = params[2].value;
      }
      for (int64_t i = params[0].value; i < params[1].value; i += step) {
        results.push_back(&(*value)[static_cast<rapidjson::SizeType>(i)]);
      }
    }
    return results;
  }

  absl::StatusOr<Values> EvalFilter(const Values& input, const Node& node) {
    Values results;
    const NodeList& left_nodes = node.lists[0];
    const NodeList& right_nodes = node.lists[1];
    for (const rapidjson::Value* value : input) {
      if (!value->IsArray()) {
        return EvalError(
            absl::StrCat(GoValueText(*value), " is not array or slice and cannot be filtered"));
      }
      for (const rapidjson::Value& element : value->GetArray()) {
        const Values item{&element};
        absl::StatusOr<Values> lefts = EvalList(item, left_nodes);
        if (node.name == "exists") {
          if (lefts.ok() && !lefts->empty()) results.push_back(&element);
          continue;
        }
        if (!lefts.ok()) return lefts.status();
        if (lefts->empty()) continue;
        if (lefts->size() > 1) return EvalError("can only compare one element at a time");
        absl::StatusOr<Values> rights = EvalList(item, right_nodes);
        if (!rights.ok()) return rights.status();
        if (rights->empty()) continue;
        if (rights->size() > 1) return EvalError("can only compare one element at a time");
        absl::StatusOr<bool> pass = Compare(*lefts->front(), node.name, *rights->front());
        if (!pass.ok()) return pass.status();
        if (*pass) results.push_back(&element);
      }
    }
    return results;
  }

  absl::StatusOr<Values> EvalWildcard(const Values& input) {
    Values results;
    for (const rapidjson::Value* value : input) AppendChildren(*value, results);
    return results;
  }

  // Every value with children, each followed by its descendants (pre-order).
  absl::StatusOr<Values> EvalRecursive(const Values& input) {
    Values results;
    for (const rapidjson::Value* value : input) {
      if (!HasChildren(*value)) continue;
      results.push_back(value);
      Values children;
      AppendChildren(*value, children);
      absl::StatusOr<Values> descendants = EvalRecursive(children);
      if (!descendants.ok()) return descendants.status();
      results.insert(results.end(), descendants->begin(), descendants->end());
    }
    return results;
  }

  absl::StatusOr<Values> EvalUnion(const Values& input, const Node& node) {
    Values results;
    for (const NodeList& branch : node.lists) {
      absl::StatusOr<Values> values = EvalList(input, branch);
      if (!values.ok()) return values.status();
      results.insert(results.end(), values->begin(), values->end());
    }
    return results;
  }

  EvaluateOptions options_;
};

}  // namespace

absl::StatusOr<std::vector<Values>> FindResults(const Template& parsed,
                                                const rapidjson::Value& data,
                                                EvaluateOptions options) {
  Evaluator evaluator(options);
  const Values root{&data};
  std::vector<Values> results;
  for (const Node& node : parsed.root) {
    absl::StatusOr<Values> values = evaluator.Walk(root, node);
    if (!values.ok()) return values.status();
    results.push_back(*std::move(values));
  }
  return results;
}

}  // namespace kube::jsonpath
