#include "apiserver/registry/batch/job_spec_validation.h"

#include <set>

#include "apiserver/registry/apps/controller_template.h"
#include "apiserver/registry/apps/field_checks.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

constexpr int64_t kMaxParallelismForIndexedJob = 100000;
constexpr int64_t kMaxFailedIndexesForIndexedJob = 100000;

// Go's %q of a []string: ["a" "b"].
std::string QuotedList(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  for (const auto& value : values) quoted.push_back(api::QuoteValue(value));
  return "[" + StrJoin(quoted, " ") + "]";
}

void CheckPodFailurePolicy(const k8s::batch::v1::JobSpec& spec, const std::string& path,
                           api::FieldErrors& errors) {
  static const std::vector<std::string> kActions = {"Count", "FailIndex", "FailJob", "Ignore"};
  static const std::vector<std::string> kOperators = {"In", "NotIn"};
  std::set<std::string> containers;
  for (const auto& c : spec.template_().spec().containers()) containers.insert(c.name());
  for (const auto& c : spec.template_().spec().initcontainers()) containers.insert(c.name());

  const auto& rules = spec.podfailurepolicy().rules();
  for (int i = 0; i < rules.size(); ++i) {
    const auto& rule = rules[i];
    const std::string rule_path = StrCat(path, ".rules[", i, "]");
    const std::string action_path = rule_path + ".action";
    if (rule.action().empty()) {
      errors.push_back(api::Required(action_path, "valid values: " + QuotedList(kActions)));
    } else if (rule.action() == "FailIndex") {
      if (!spec.has_backofflimitperindex()) {
        errors.push_back(api::Invalid(action_path, rule.action(),
                                      "requires the backoffLimitPerIndex to be set"));
      }
    } else if (std::find(kActions.begin(), kActions.end(), rule.action()) == kActions.end()) {
      errors.push_back(api::NotSupported(action_path, rule.action(), kActions));
    }
    if (rule.has_onexitcodes()) {
      const auto& on_exit = rule.onexitcodes();
      const std::string exit_path = rule_path + ".onExitCodes";
      if (on_exit.has_containername() && !containers.count(on_exit.containername())) {
        errors.push_back(api::Invalid(exit_path + ".containerName", on_exit.containername(),
                                      "must be one of the container or initContainer names in "
                                      "the pod template"));
      }
      if (on_exit.operator_().empty()) {
        errors.push_back(
            api::Required(exit_path + ".operator", "valid values: " + QuotedList(kOperators)));
      } else if (on_exit.operator_() != "In" && on_exit.operator_() != "NotIn") {
        errors.push_back(api::NotSupported(exit_path + ".operator", on_exit.operator_(), kOperators));
      }
      if (on_exit.values().empty()) {
        errors.push_back({api::FieldError::Type::kInvalid, exit_path + ".values", "[]int32(nil)",
                          "at least one value is required"});
      }
    }
    const bool has_conditions = !rule.onpodconditions().empty();
    if (rule.has_onexitcodes() && has_conditions) {
      errors.push_back({api::FieldError::Type::kInvalid, rule_path, "",
                        "specifying both OnExitCodes and OnPodConditions is not supported"});
    }
    if (!rule.has_onexitcodes() && !has_conditions) {
      errors.push_back({api::FieldError::Type::kInvalid, rule_path, "",
                        "specifying one of OnExitCodes and OnPodConditions is required"});
    }
  }
}

void CheckPodReplacementPolicy(const k8s::batch::v1::JobSpec& spec, const std::string& path,
                               api::FieldErrors& errors) {
  if (!spec.has_podreplacementpolicy()) return;
  const std::string& policy = spec.podreplacementpolicy();
  if (spec.has_podfailurepolicy()) {
    if (policy != "Failed") errors.push_back(api::NotSupported(path, policy, {"Failed"}));
  } else if (policy != "Failed" && policy != "TerminatingOrFailed") {
    errors.push_back(api::NotSupported(path, policy, {"Failed", "TerminatingOrFailed"}));
  }
}

}  // namespace

void CheckJobSpec(const k8s::batch::v1::JobSpec& spec, const std::string& path,
                  const PodTemplateHooks& hooks, api::FieldErrors& errors) {
  if (spec.has_parallelism()) CheckNonnegative(spec.parallelism(), path + ".parallelism", errors);
  if (spec.has_completions()) CheckNonnegative(spec.completions(), path + ".completions", errors);
  if (spec.has_activedeadlineseconds()) {
    CheckNonnegative(spec.activedeadlineseconds(), path + ".activeDeadlineSeconds", errors);
  }
  if (spec.has_backofflimit()) CheckNonnegative(spec.backofflimit(), path + ".backoffLimit", errors);
  if (spec.has_ttlsecondsafterfinished()) {
    CheckNonnegative(spec.ttlsecondsafterfinished(), path + ".ttlSecondsAfterFinished", errors);
  }
  if (spec.has_backofflimitperindex()) {
    CheckNonnegative(spec.backofflimitperindex(), path + ".backoffLimitPerIndex", errors);
  }
  if (spec.has_maxfailedindexes()) {
    CheckNonnegative(spec.maxfailedindexes(), path + ".maxFailedIndexes", errors);
    if (!spec.has_backofflimitperindex()) {
      errors.push_back(
          api::Required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
    }
  }
  const bool indexed = spec.has_completionmode() && spec.completionmode() == "Indexed";
  if (spec.has_completionmode()) {
    if (spec.completionmode() != "NonIndexed" && !indexed) {
      errors.push_back(api::NotSupported(path + ".completionMode", spec.completionmode(),
                                         {"NonIndexed", "Indexed"}));
    }
    if (indexed) {
      if (!spec.has_completions()) {
        errors.push_back(api::Required(path + ".completions", "when completion mode is Indexed"));
      }
      if (spec.has_parallelism() && spec.parallelism() > kMaxParallelismForIndexedJob) {
        errors.push_back(api::InvalidNumber(
            path + ".parallelism", spec.parallelism(),
            StrCat("must be less than or equal to ", kMaxParallelismForIndexedJob,
                   " when completion mode is Indexed")));
      }
      if (spec.has_completions() && spec.has_maxfailedindexes() &&
          spec.maxfailedindexes() > spec.completions()) {
        errors.push_back(api::InvalidNumber(path + ".maxFailedIndexes", spec.maxfailedindexes(),
                                            "must be less than or equal to completions"));
      }
      if (spec.has_maxfailedindexes() && spec.maxfailedindexes() > kMaxFailedIndexesForIndexedJob) {
        errors.push_back(api::InvalidNumber(
            path + ".maxFailedIndexes", spec.maxfailedindexes(),
            StrCat("must be less than or equal to ", kMaxFailedIndexesForIndexedJob)));
      }
    }
  }
  if (!indexed && (!spec.has_completionmode() || spec.completionmode() == "NonIndexed")) {
    if (spec.has_backofflimitperindex()) {
      errors.push_back(api::InvalidNumber(path + ".backoffLimitPerIndex",
                                          spec.backofflimitperindex(),
                                          "requires indexed completion mode"));
    }
    if (spec.has_maxfailedindexes()) {
      errors.push_back(api::InvalidNumber(path + ".maxFailedIndexes", spec.maxfailedindexes(),
                                          "requires indexed completion mode"));
    }
  }
  if (spec.has_podfailurepolicy()) CheckPodFailurePolicy(spec, path + ".podFailurePolicy", errors);
  if (spec.has_successpolicy() && !indexed) {
    errors.push_back({api::FieldError::Type::kInvalid, path + ".successPolicy",
                      "batch.SuccessPolicy{...}", "requires indexed completion mode"});
  }
  CheckPodReplacementPolicy(spec, path + ".podReplacementPolicy", errors);

  Append(errors, hooks.Validate(spec.template_(), path + ".template"));
  // The pod defaults turn an unset restartPolicy into Always, so both mean "unset".
  const std::string& restart = spec.template_().spec().restartpolicy();
  const std::string restart_path = path + ".template.spec.restartPolicy";
  if (restart.empty() || restart == "Always") {
    errors.push_back(api::Required(restart_path, "valid values: \"OnFailure\", \"Never\""));
  } else if (restart != "OnFailure" && restart != "Never") {
    errors.push_back(api::NotSupported(restart_path, restart, {"OnFailure", "Never"}));
  } else if (spec.has_podfailurepolicy() && restart != "Never") {
    errors.push_back(api::Invalid(restart_path, restart,
                                  "only \"Never\" is supported when podFailurePolicy is specified"));
  }
}

}  // namespace kube::apiserver
