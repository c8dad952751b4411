#include "apiserver/printers/printer_util.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/api/object.h"

namespace kube::apiserver::printer_internal {
namespace {

// Upstream takes these from ObjectMeta's API documentation.
constexpr char kNameDescription[] =
    "Name must be unique within a namespace. Is required when creating resources, although "
    "some resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated.";
constexpr char kAgeDescription[] =
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is represented in RFC3339 form and is in UTC.";

// One requirement of a selector, rendered; sorted by key like upstream.
struct Requirement {
  std::string key;
  std::string text;
};

}  // namespace

TableColumn NameColumn(int priority) {
  return TableColumn{"Name", "string", "name", kNameDescription, priority};
}

TableColumn AgeColumn() { return TableColumn{"Age", "string", "", kAgeDescription, 0}; }

TableColumn Column(std::string name, std::string type, std::string description, int priority) {
  return TableColumn{std::move(name), std::move(type), "", std::move(description), priority};
}

std::string Age(const k8s::meta::v1::ObjectMeta& meta, absl::Time now) {
  return TimestampSince(meta.creationtimestamp(), now);
}

std::string FormatLabels(const StringMap& labels) {
  if (labels.empty()) return "<none>";
  std::map<std::string, std::string> sorted(labels.begin(), labels.end());
  return absl::StrJoin(sorted, ",", absl::PairFormatter("="));
}

std::string LabelSelectorString(const k8s::meta::v1::LabelSelector* selector) {
  if (selector == nullptr) return "";
  std::vector<Requirement> requirements;
  for (const auto& [key, value] : selector->matchlabels()) {
    requirements.push_back({key, absl::StrCat(key, "=", value)});
  }
  for (const auto& expression : selector->matchexpressions()) {
    std::vector<std::string> values(expression.values().begin(), expression.values().end());
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    const std::string& op = expression.operator_();
    const std::string& key = expression.key();
    if (op == "In") {
      requirements.push_back({key, absl::StrCat(key, " in (", absl::StrJoin(values, ","), ")")});
    } else if (op == "NotIn") {
      requirements.push_back({key, absl::StrCat(key, " notin (", absl::StrJoin(values, ","), ")")});
    } else if (op == "Exists") {
      requirements.push_back({key, key});
    } else if (op == "DoesNotExist") {
      requirements.push_back({key, absl::StrCat("!", key)});
    } else {
      return "<error>";
    }
  }
  std::stable_sort(requirements.begin(), requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return absl::StrJoin(requirements, ",",
                       [](std::string* out, const Requirement& r) { out->append(r.text); });
}

std::string FormatLabelSelector(const k8s::meta::v1::LabelSelector* selector) {
  std::string text = LabelSelectorString(selector);
  return text.empty() ? "<none>" : text;
}

std::string IntOrStringText(const k8s::util::intstr::IntOrString& value) {
  if (value.type() == 1) return value.strval();
  return absl::StrCat(value.intval());
}

std::string BoolPtrText(bool present, bool value) {
  if (!present) return "<unset>";
  return value ? "True" : "False";
}

std::pair<std::string, std::string> ContainerCells(const Containers& containers) {
  std::vector<std::string> names;
  std::vector<std::string> images;
  for (const auto& container : containers) {
    names.push_back(container.name());
    images.push_back(container.image());
  }
  return {absl::StrJoin(names, ","), absl::StrJoin(images, ",")};
}

std::vector<TableCell> FallbackRow(const std::vector<TableColumn>& columns,
                                   const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  std::vector<TableCell> cells;
  for (const TableColumn& column : columns) {
    if (column.format == "name" && meta != nullptr) {
      cells.emplace_back(meta->name());
    } else {
      cells.emplace_back(std::string("<unknown>"));
    }
  }
  return cells;
}

}  // namespace kube::apiserver::printer_internal
