#include "apiserver/registry/flowcontrol/priority_level_strategy.h"

#include <cmath>

#include "apiserver/registry/core/field_path.h"
#include "apiserver/registry/flowcontrol/mandatory_configuration.h"
#include "apiserver/registry/flowcontrol/status_validation.h"
#include "common/util/strings.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

using k8s::flowcontrol::v1::ExemptPriorityLevelConfiguration;
using k8s::flowcontrol::v1::LimitedPriorityLevelConfiguration;
using k8s::flowcontrol::v1::LimitResponse;
using k8s::flowcontrol::v1::PriorityLevelConfiguration;
using k8s::flowcontrol::v1::PriorityLevelConfigurationSpec;
using k8s::flowcontrol::v1::QueuingConfiguration;

constexpr int32_t kDefaultNominalConcurrencyShares = 30;
constexpr int32_t kDefaultHandSize = 8;
constexpr int32_t kDefaultQueues = 64;
constexpr int32_t kDefaultQueueLengthLimit = 50;
constexpr int32_t kMaxQueues = 10 * 1000 * 1000;
// shufflesharding.MaxHashBits: the entropy one hash supplies.
constexpr int kMaxHashBits = 60;

void CheckLendablePercent(bool present, int32_t value, const std::string& path,
                          api::FieldErrors& errors) {
  if (present && (value < 0 || value > 100)) {
    errors.push_back(api::InvalidNumber(path, value, "must be between 0 and 100, inclusive"));
  }
}

void ValidateQueuing(const QueuingConfiguration& queuing, const std::string& path,
                     api::FieldErrors& errors) {
  if (queuing.queuelengthlimit() <= 0) {
    errors.push_back(api::InvalidNumber(core::Child(path, "queueLengthLimit"),
                                        queuing.queuelengthlimit(), "must be positive"));
  }
  const int32_t queues = queuing.queues();
  if (queues <= 0) {
    errors.push_back(api::InvalidNumber(core::Child(path, "queues"), queues, "must be positive"));
  } else if (queues > kMaxQueues) {
    errors.push_back(api::InvalidNumber(core::Child(path, "queues"), queues,
                                        StrCat("must not be greater than ", kMaxQueues)));
  }
  const int32_t hand = queuing.handsize();
  const std::string hand_path = core::Child(path, "handSize");
  if (hand <= 0) {
    errors.push_back(api::InvalidNumber(hand_path, hand, "must be positive"));
  } else if (hand > queues) {
    errors.push_back(api::InvalidNumber(
        hand_path, hand, StrCat("should not be greater than queues (", queues, ")")));
  } else if (std::ceil(std::log2(static_cast<double>(queues)) * hand) > kMaxHashBits) {
    errors.push_back(
        api::InvalidNumber(hand_path, hand,
                           StrCat("required entropy bits of deckSize ", queues, " and handSize ",
                                  hand, " should not be greater than ", kMaxHashBits)));
  }
}

void ValidateLimitResponse(const LimitResponse& response, const std::string& path,
                           api::FieldErrors& errors) {
  if (response.type() == "Reject") {
    if (response.has_queuing()) {
      errors.push_back(api::Forbidden(core::Child(path, "queuing"),
                                      "must be nil if limited.limitResponse.type is not Limited"));
    }
  } else if (response.type() == "Queue") {
    if (!response.has_queuing()) {
      errors.push_back(api::Required(core::Child(path, "queuing"),
                                     "must not be empty if limited.limitResponse.type is Limited"));
    } else {
      ValidateQueuing(response.queuing(), core::Child(path, "queuing"), errors);
    }
  } else {
    errors.push_back(
        api::NotSupported(core::Child(path, "type"), response.type(), {"Queue", "Reject"}));
  }
}

void ValidateLimited(const LimitedPriorityLevelConfiguration& limited, const std::string& path,
                     api::FieldErrors& errors) {
  if (limited.nominalconcurrencyshares() < 0) {
    errors.push_back(api::InvalidNumber(core::Child(path, "nominalConcurrencyShares"),
                                        limited.nominalconcurrencyshares(),
                                        "must be a non-negative integer"));
  }
  ValidateLimitResponse(limited.limitresponse(), core::Child(path, "limitResponse"), errors);
  CheckLendablePercent(limited.has_lendablepercent(), limited.lendablepercent(),
                       core::Child(path, "lendablePercent"), errors);
  if (limited.has_borrowinglimitpercent() && limited.borrowinglimitpercent() < 0) {
    errors.push_back(api::InvalidNumber(core::Child(path, "borrowingLimitPercent"),
                                        limited.borrowinglimitpercent(),
                                        "if specified, must be a non-negative integer"));
  }
}

void ValidateExempt(const ExemptPriorityLevelConfiguration& exempt, const std::string& path,
                    api::FieldErrors& errors) {
  if (exempt.has_nominalconcurrencyshares() && exempt.nominalconcurrencyshares() < 0) {
    errors.push_back(api::InvalidNumber(core::Child(path, "nominalConcurrencyShares"),
                                        exempt.nominalconcurrencyshares(),
                                        "must be a non-negative integer"));
  }
  CheckLendablePercent(exempt.has_lendablepercent(), exempt.lendablepercent(),
                       core::Child(path, "lendablePercent"), errors);
}

void ValidateSpec(const std::string& name, const PriorityLevelConfigurationSpec& spec,
                  api::FieldErrors& errors) {
  if ((name == flowcontrol::kExempt) != (spec.type() == "Exempt")) {
    errors.push_back(api::Invalid("spec.type", spec.type(),
                                  "type must be 'Exempt' if and only if name is 'exempt'"));
  }
  if (spec.type() == "Exempt") {
    if (spec.has_limited()) {
      errors.push_back(api::Forbidden("spec.limited", "must be nil if the type is not Limited"));
    }
    if (spec.has_exempt()) ValidateExempt(spec.exempt(), "spec.exempt", errors);
  } else if (spec.type() == "Limited") {
    if (spec.has_exempt()) {
      errors.push_back(api::Forbidden("spec.exempt", "must be nil if the type is Limited"));
    }
    if (!spec.has_limited()) {
      errors.push_back(api::Required("spec.limited", "must not be empty when type is Limited"));
    } else {
      ValidateLimited(spec.limited(), "spec.limited", errors);
    }
  } else {
    errors.push_back(api::NotSupported("spec.type", spec.type(), {"Exempt", "Limited"}));
  }
}

// ValidateIfMandatoryPriorityLevelConfigurationObject.
void ValidateMandatory(const std::string& name, const PriorityLevelConfigurationSpec& spec,
                       api::FieldErrors& errors) {
  const PriorityLevelConfiguration* mandatory = flowcontrol::MandatoryPriorityLevel(name);
  if (mandatory == nullptr) return;
  PriorityLevelConfigurationSpec have = spec;
  std::string message = "spec of '" + name + "' must equal the fixed value";
  if (name == flowcontrol::kExempt) {
    // Administrators may tune the exempt level's spec.exempt, nothing else.
    *have.mutable_exempt() = mandatory->spec().exempt();
    message = "spec of '" + name + "' except the 'spec.exempt' field must equal the fixed value";
  }
  if (!flowcontrol::SameSpec(have, mandatory->spec())) {
    errors.push_back(
        core::InvalidRendered("spec", "flowcontrol.PriorityLevelConfigurationSpec{...}", message));
  }
}

}  // namespace

void PriorityLevelConfigurationStrategy::Default(google::protobuf::Message& object) const {
  PriorityLevelConfigurationSpec& spec =
      *static_cast<PriorityLevelConfiguration&>(object).mutable_spec();
  if (spec.has_limited()) {
    LimitedPriorityLevelConfiguration& limited = *spec.mutable_limited();
    if (!limited.has_nominalconcurrencyshares()) {
      limited.set_nominalconcurrencyshares(kDefaultNominalConcurrencyShares);
    }
    if (!limited.has_lendablepercent()) limited.set_lendablepercent(0);
    if (limited.limitresponse().has_queuing()) {
      QueuingConfiguration& queuing = *limited.mutable_limitresponse()->mutable_queuing();
      if (queuing.handsize() == 0) queuing.set_handsize(kDefaultHandSize);
      if (queuing.queues() == 0) queuing.set_queues(kDefaultQueues);
      if (queuing.queuelengthlimit() == 0) queuing.set_queuelengthlimit(kDefaultQueueLengthLimit);
    }
  }
  if (spec.has_exempt()) {
    ExemptPriorityLevelConfiguration& exempt = *spec.mutable_exempt();
    if (!exempt.has_nominalconcurrencyshares()) exempt.set_nominalconcurrencyshares(0);
    if (!exempt.has_lendablepercent()) exempt.set_lendablepercent(0);
  }
}

api::FieldErrors PriorityLevelConfigurationStrategy::Validate(
    const google::protobuf::Message& object) const {
  const auto& level = static_cast<const PriorityLevelConfiguration&>(object);
  api::FieldErrors errors;
  ValidateSpec(level.metadata().name(), level.spec(), errors);
  ValidateMandatory(level.metadata().name(), level.spec(), errors);
  core::Append(errors, flowcontrol::ValidateConditionTypes(level.status().conditions()));
  return errors;
}

api::FieldErrors PriorityLevelConfigurationStrategy::ValidateStatusUpdate(
    const google::protobuf::Message& object, const google::protobuf::Message& old) const {
  return flowcontrol::ValidateConditionTypes(
      static_cast<const PriorityLevelConfiguration&>(object).status().conditions());
}

}  // namespace kube::apiserver
