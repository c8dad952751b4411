#include "apiserver/customresource/columns/column_validation.h"

#include <catch2/catch.hpp>

namespace kube::apiserver::customresource {
namespace {

std::vector<std::string> Messages(const api::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const api::FieldError& error : errors) out.push_back(error.ToString());
  return out;
}

TEST_CASE("Printer column definitions validate as upstream's", "[customresource]") {
  const std::string path = "spec.versions[0].additionalPrinterColumns";
  CHECK(ValidatePrinterColumns(
            {
                {"Ready", "string", "", "", 0, R"(.status.conditions[?(@.type=="Ready")].status)"},
                {"Replicas", "integer", "int32", "Desired", 1, ".spec.replicas"},
                {"Age", "date", "date-time", "", 0, ".metadata.creationTimestamp"},
                {"Ratio", "number", "double", "", 0, ".spec.ratio"},
                {"On", "boolean", "", "", 0, ".spec.on"},
            },
            path)
            .empty());

  CHECK(Messages(ValidatePrinterColumns({{"", "", "", "", 0, ""}}, path)) ==
        std::vector<std::string>{
            "spec.versions[0].additionalPrinterColumns[0].name: Required value",
            "spec.versions[0].additionalPrinterColumns[0].type: Required value: must be one of "
            "boolean,date,integer,number,string",
            "spec.versions[0].additionalPrinterColumns[0].JSONPath: Required value",
        });

  CHECK(Messages(ValidatePrinterColumns(
            {
                {"Ok", "string", "", "", 0, ".a"},
                {"Bad", "int", "uuid", "", 0, "spec.replicas"},
            },
            path)) ==
        std::vector<std::string>{
            R"(spec.versions[0].additionalPrinterColumns[1].type: Invalid value: "int": must be )"
            "one of boolean,date,integer,number,string",
            R"(spec.versions[0].additionalPrinterColumns[1].format: Invalid value: "uuid": must )"
            "be one of byte,date,date-time,double,float,int32,int64,password",
            R"(spec.versions[0].additionalPrinterColumns[1].JSONPath: Invalid value: )"
            R"("spec.replicas": must be a simple json path starting with .)",
        });

  // Upstream checks neither the rest of the path nor the priority.
  CHECK(ValidatePrinterColumns({{"Odd", "string", "", "", -1, ".spec.b["}}, path).empty());
}

}  // namespace
}  // namespace kube::apiserver::customresource
