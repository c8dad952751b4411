// Webhook configuration, admission policy, FlowSchema, PriorityLevelConfiguration
// and APIService tables.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "apiserver/printers/printer_testing.h"
#include "apiserver/printers/printers.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"
#include "k8s/apiregistration/v1/apiregistration.pb.h"
#include "k8s/flowcontrol/v1/flowcontrol.pb.h"

namespace kube::apiserver {
namespace {

using testing::Ago;
using testing::CellOf;
using testing::ColumnNames;
using testing::kNow;
using testing::Parse;

TEST_CASE("Webhook configuration tables", "[printers]") {
  for (const auto& printer :
       {NewValidatingWebhookConfigurationPrinter(), NewMutatingWebhookConfigurationPrinter()}) {
    CHECK(ColumnNames(*printer) == std::vector<std::string>{"Name", "Webhooks", "Age"});
  }
  const auto printer = NewValidatingWebhookConfigurationPrinter();
  const auto row =
      printer->Row(Parse<k8s::admissionregistration::v1::ValidatingWebhookConfiguration>(
                       "metadata { name: 'ingress-nginx-admission' creationTimestamp " + Ago(300) +
                       " } webhooks { name: 'a.b.c' } webhooks { name: 'd.e.f' }"),
                   kNow);
  CHECK(CellOf(*printer, row, "Name") == "ingress-nginx-admission");
  CHECK(std::get<int64_t>(row[1]) == 2);
  CHECK(CellOf(*printer, row, "Age") == "5m");
}

TEST_CASE("ValidatingAdmissionPolicy and binding tables", "[printers]") {
  const auto policies = NewValidatingAdmissionPolicyPrinter();
  CHECK(ColumnNames(*policies) ==
        std::vector<std::string>{"Name", "Validations", "ParamKind", "Age"});
  auto row = policies->Row(Parse<k8s::admissionregistration::v1::ValidatingAdmissionPolicy>(
                               "metadata { name: 'p' } spec { validations { expression: 'true' } "
                               "paramKind { apiVersion: 'example.com/v1' kind: 'Limit' } }"),
                           kNow);
  CHECK(std::get<int64_t>(row[1]) == 1);
  CHECK(CellOf(*policies, row, "ParamKind") == "example.com/v1/Limit");
  row = policies->Row(
      Parse<k8s::admissionregistration::v1::ValidatingAdmissionPolicy>("metadata { name: 'q' }"),
      kNow);
  CHECK(CellOf(*policies, row, "ParamKind") == "<unset>");

  const auto bindings = NewValidatingAdmissionPolicyBindingPrinter();
  CHECK(ColumnNames(*bindings) ==
        std::vector<std::string>{"Name", "PolicyName", "ParamRef", "Age"});
  using Binding = k8s::admissionregistration::v1::ValidatingAdmissionPolicyBinding;
  row = bindings->Row(Parse<Binding>("metadata { name: 'b' } spec { policyName: 'p' "
                                     "paramRef { name: 'limits' namespace: 'default' } }"),
                      kNow);
  CHECK(CellOf(*bindings, row, "PolicyName") == "p");
  CHECK(CellOf(*bindings, row, "ParamRef") == "default/limits");
  row = bindings->Row(Parse<Binding>("spec { paramRef { name: 'limits' } }"), kNow);
  CHECK(CellOf(*bindings, row, "ParamRef") == "*/limits");
  row = bindings->Row(
      Parse<Binding>("spec { paramRef { selector { matchLabels { key: 'a' value: 'b' } "
                     "matchExpressions { key: 'k' operator: 'In' values: 'x' values: 'y' } } } }"),
      kNow);
  CHECK(CellOf(*bindings, row, "ParamRef") ==
        "&LabelSelector{MatchLabels:map[string]string{a: b,},MatchExpressions:[]"
        "LabelSelectorRequirement{LabelSelectorRequirement{Key:k,Operator:In,Values:[x y],},},}");
  row = bindings->Row(Parse<Binding>("spec { }"), kNow);
  CHECK(CellOf(*bindings, row, "ParamRef") == "<unset>");
}

TEST_CASE("FlowSchema and PriorityLevelConfiguration tables", "[printers]") {
  const auto schemas = NewFlowSchemaPrinter();
  CHECK(ColumnNames(*schemas) ==
        std::vector<std::string>{"Name", "PriorityLevel", "MatchingPrecedence",
                                 "DistinguisherMethod", "Age", "MissingPL"});
  auto row = schemas->Row(Parse<k8s::flowcontrol::v1::FlowSchema>(
                              "metadata { name: 'catch-all' } spec { priorityLevelConfiguration "
                              "{ name: 'catch-all' } matchingPrecedence: 10000 "
                              "distinguisherMethod { type: 'ByUser' } }"),
                          kNow);
  CHECK(CellOf(*schemas, row, "PriorityLevel") == "catch-all");
  CHECK(std::get<int64_t>(row[2]) == 10000);
  CHECK(CellOf(*schemas, row, "DistinguisherMethod") == "ByUser");
  CHECK(CellOf(*schemas, row, "MissingPL") == "?");
  row = schemas->Row(Parse<k8s::flowcontrol::v1::FlowSchema>(
                         "metadata { name: 'exempt' } spec { matchingPrecedence: 1 } "
                         "status { conditions { type: 'Dangling' status: 'False' } }"),
                     kNow);
  CHECK(CellOf(*schemas, row, "DistinguisherMethod") == "<none>");
  CHECK(CellOf(*schemas, row, "MissingPL") == "False");

  const auto levels = NewPriorityLevelConfigurationPrinter();
  CHECK(ColumnNames(*levels) == std::vector<std::string>{"Name", "Type", "NominalConcurrencyShares",
                                                         "Queues", "HandSize", "QueueLengthLimit",
                                                         "Age"});
  row = levels->Row(Parse<k8s::flowcontrol::v1::PriorityLevelConfiguration>(
                        "metadata { name: 'workload-low' } spec { type: 'Limited' limited { "
                        "nominalConcurrencyShares: 100 limitResponse { type: 'Queue' queuing { "
                        "queues: 128 handSize: 6 queueLengthLimit: 50 } } } }"),
                    kNow);
  CHECK(std::get<int64_t>(row[2]) == 100);
  CHECK(std::get<int64_t>(row[3]) == 128);
  CHECK(std::get<int64_t>(row[4]) == 6);
  CHECK(std::get<int64_t>(row[5]) == 50);
  row = levels->Row(Parse<k8s::flowcontrol::v1::PriorityLevelConfiguration>(
                        "metadata { name: 'exempt' } spec { type: 'Exempt' exempt { } }"),
                    kNow);
  CHECK(CellOf(*levels, row, "Type") == "Exempt");
  CHECK(CellOf(*levels, row, "NominalConcurrencyShares") == "<none>");
  CHECK(CellOf(*levels, row, "Queues") == "<none>");
}

TEST_CASE("APIService table", "[printers]") {
  const auto printer = NewApiServicePrinter();
  CHECK(ColumnNames(*printer) == std::vector<std::string>{"Name", "Service", "Available", "Age"});
  auto row = printer->Row(Parse<k8s::apiregistration::v1::APIService>(
                              "metadata { name: 'v1.apps' creationTimestamp " + Ago(300) +
                              " } status { conditions { type: 'Available' status: 'True' "
                              "reason: 'Local' } }"),
                          kNow);
  CHECK(CellOf(*printer, row, "Service") == "Local");
  CHECK(CellOf(*printer, row, "Available") == "True");
  CHECK(CellOf(*printer, row, "Age") == "5m");
  row = printer->Row(Parse<k8s::apiregistration::v1::APIService>(
                         "metadata { name: 'v1beta1.metrics.k8s.io' } spec { service { "
                         "namespace: 'kube-system' name: 'metrics-server' } } status { conditions "
                         "{ type: 'Available' status: 'False' reason: 'ServiceNotFound' } }"),
                     kNow);
  CHECK(CellOf(*printer, row, "Service") == "kube-system/metrics-server");
  CHECK(CellOf(*printer, row, "Available") == "False (ServiceNotFound)");
  row = printer->Row(Parse<k8s::apiregistration::v1::APIService>("metadata { name: 'x' }"), kNow);
  CHECK(CellOf(*printer, row, "Available") == "Unknown");
}

}  // namespace
}  // namespace kube::apiserver
