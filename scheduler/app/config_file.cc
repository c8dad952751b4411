#include "scheduler/app/config_file.h"

#include <algorithm>
#include <string>
#include <vector>

#include "common/codec/json_text.h"
#include "common/codec/yaml.h"
#include "common/flags/flag_set.h"
#include "common/util/strings.h"

namespace kube::scheduler::app {
namespace {

using rapidjson::Value;

const Value* Member(const Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

absl::Status ReadString(const Value& object, const char* name, std::string& out) {
  const Value* value = Member(object, name);
  if (value == nullptr) return absl::OkStatus();
  if (!value->IsString()) return absl::InvalidArgumentError(StrCat(name, " must be a string"));
  out = value->GetString();
  return absl::OkStatus();
}

absl::Status ReadInt(const Value& object, const char* name, int& out) {
  const Value* value = Member(object, name);
  if (value == nullptr) return absl::OkStatus();
  if (!value->IsInt()) return absl::InvalidArgumentError(StrCat(name, " must be an integer"));
  out = value->GetInt();
  return absl::OkStatus();
}

absl::Status ReadDuration(const Value& object, const char* name, absl::Duration& out) {
  std::string text;
  if (absl::Status status = ReadString(object, name, text); !status.ok() || text.empty()) {
    return status;
  }
  return flags::ParseGoDuration(text, &out);
}

struct PluginRef {
  std::string name;
  int64_t weight = 0;  // 0: not given
};

absl::StatusOr<std::vector<PluginRef>> ReadPluginList(const Value* list) {
  std::vector<PluginRef> out;
  if (list == nullptr || list->IsNull()) return out;
  if (!list->IsArray()) return absl::InvalidArgumentError("plugin lists must be arrays");
  for (const Value& item : list->GetArray()) {
    PluginRef ref;
    if (absl::Status status = ReadString(item, "name", ref.name); !status.ok()) return status;
    int weight = 0;
    if (absl::Status status = ReadInt(item, "weight", weight); !status.ok()) return status;
    ref.weight = weight;
    if (ref.name.empty()) return absl::InvalidArgumentError("a plugin needs a name");
    out.push_back(std::move(ref));
  }
  return out;
}

// Applies {enabled, disabled} to a list of names (with weights for scores).
absl::Status ApplyPluginSet(const Value* set, std::vector<framework::WeightedPlugin>& plugins) {
  if (set == nullptr) return absl::OkStatus();
  absl::StatusOr<std::vector<PluginRef>> disabled = ReadPluginList(Member(*set, "disabled"));
  if (!disabled.ok()) return disabled.status();
  absl::StatusOr<std::vector<PluginRef>> enabled = ReadPluginList(Member(*set, "enabled"));
  if (!enabled.ok()) return enabled.status();
  for (const PluginRef& off : *disabled) {
    std::erase_if(plugins, [&](const framework::WeightedPlugin& p) {
      return off.name == "*" || p.name == off.name;
    });
  }
  for (const PluginRef& on : *enabled) {
    auto it = std::find_if(plugins.begin(), plugins.end(),
                           [&](const framework::WeightedPlugin& p) { return p.name == on.name; });
    if (it == plugins.end()) {
      plugins.push_back({on.name, on.weight > 0 ? on.weight : 1});
    } else if (on.weight > 0) {
      it->weight = on.weight;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ApplyConfigFile(std::string_view text, Options& options) {
  absl::StatusOr<std::vector<std::string>> documents = codec::YamlToJson(text);
  if (!documents.ok()) return documents.status();
  if (documents->size() != 1) {
    return absl::InvalidArgumentError("the configuration must be exactly one document");
  }
  rapidjson::Document doc;
  if (absl::Status status = codec::ParseJson(documents->front(), doc); !status.ok()) return status;
  if (!doc.IsObject()) return absl::InvalidArgumentError("the configuration must be an object");
  std::string kind;
  if (absl::Status status = ReadString(doc, "kind", kind); !status.ok()) return status;
  if (!kind.empty() && kind != "KubeSchedulerConfiguration") {
    return absl::InvalidArgumentError(StrCat("unexpected kind \"", kind, "\""));
  }

  if (const Value* client = Member(doc, "clientConnection")) {
    if (absl::Status s = ReadString(*client, "kubeconfig", options.kubeconfig); !s.ok()) return s;
  }
  if (const Value* election = Member(doc, "leaderElection")) {
    if (const Value* elect = Member(*election, "leaderElect"); elect != nullptr) {
      if (!elect->IsBool()) return absl::InvalidArgumentError("leaderElect must be a boolean");
      options.leader_election.leader_elect = elect->GetBool();
    }
    for (absl::Status s : {ReadDuration(*election, "leaseDuration", options.leader_election.lease_duration),
                           ReadDuration(*election, "renewDeadline", options.leader_election.renew_deadline),
                           ReadDuration(*election, "retryPeriod", options.leader_election.retry_period),
                           ReadString(*election, "resourceName", options.leader_election.lease_name),
                           ReadString(*election, "resourceNamespace", options.leader_election.lease_namespace)}) {
      if (!s.ok()) return s;
    }
  }
  if (absl::Status s = ReadInt(doc, "parallelism", options.parallelism); !s.ok()) return s;
  if (absl::Status s = ReadInt(doc, "percentageOfNodesToScore", options.percentage_of_nodes_to_score);
      !s.ok()) {
    return s;
  }
  if (options.parallelism < 1) return absl::InvalidArgumentError("parallelism must be positive");
  if (options.percentage_of_nodes_to_score < 0 || options.percentage_of_nodes_to_score > 100) {
    return absl::InvalidArgumentError("percentageOfNodesToScore must be within 0..100");
  }

  const Value* profiles = Member(doc, "profiles");
  if (profiles == nullptr || profiles->IsNull()) return absl::OkStatus();
  if (!profiles->IsArray() || profiles->Size() > 1) {
    return absl::InvalidArgumentError("only one profile is supported");
  }
  if (profiles->Size() == 0) return absl::OkStatus();
  const Value& profile = (*profiles)[0];
  if (absl::Status s = ReadString(profile, "schedulerName", options.profile.scheduler_name); !s.ok()) {
    return s;
  }
  const Value* plugins = Member(profile, "plugins");
  if (plugins == nullptr) return absl::OkStatus();
  std::vector<framework::WeightedPlugin> filters;
  for (const std::string& name : options.profile.filters) filters.push_back({name, 1});
  if (absl::Status s = ApplyPluginSet(Member(*plugins, "filter"), filters); !s.ok()) return s;
  if (absl::Status s = ApplyPluginSet(Member(*plugins, "score"), options.profile.scores); !s.ok()) {
    return s;
  }
  options.profile.filters.clear();
  for (const auto& filter : filters) options.profile.filters.push_back(filter.name);
  return absl::OkStatus();
}

}  // namespace kube::scheduler::app
