#include "apiserver/customresource/columns/table_convertor.h"

#include <catch2/catch.hpp>

#include "apiserver/customresource/columns/served_columns.h"
#include "apiserver/printers/printer_util.h"
#include "common/codec/json_text.h"

namespace kube::apiserver::customresource {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1796702400);  // 2026-12-08T04:00:00Z

rapidjson::Document Json(std::string_view text) {
  rapidjson::Document doc;
  REQUIRE(codec::ParseJson(text, doc).ok());
  return doc;
}

// The cells as a Table row's JSON.
std::string RowJson(const TableConvertor& convertor, std::string_view object) {
  const rapidjson::Document doc = Json(object);
  rapidjson::Document row(rapidjson::kArrayType);
  for (const Cell& cell : convertor.Row(doc, kNow)) {
    row.PushBack(CellJson(cell, row.GetAllocator()), row.GetAllocator());
  }
  return codec::WriteJson(row);
}

// cert-manager's Certificate columns (cert-manager.io/v1).
std::vector<PrinterColumn> CertificateColumns() {
  return {
      {"Ready", "string", "", "", 0, R"(.status.conditions[?(@.type=="Ready")].status)"},
      {"Secret", "string", "", "", 0, ".spec.secretName"},
      {"Issuer", "string", "", "", 1, ".spec.issuerRef.name"},
      {"Status", "string", "", "", 1, R"(.status.conditions[?(@.type=="Ready")].message)"},
      {"Age", "date", "", "CreationTimestamp is a timestamp.", 0, ".metadata.creationTimestamp"},
  };
}

constexpr char kCertificate[] = R"({
  "apiVersion": "cert-manager.io/v1", "kind": "Certificate",
  "metadata": {"name": "web-tls", "namespace": "default",
               "creationTimestamp": "2026-12-08T03:55:00Z"},
  "spec": {"secretName": "web-tls-secret", "issuerRef": {"name": "letsencrypt", "kind": "ClusterIssuer"}},
  "status": {"conditions": [
    {"type": "Issuing", "status": "False"},
    {"type": "Ready", "status": "True", "message": "Certificate is up to date and has not expired"}]}
})";

TEST_CASE("Custom resource columns: Name first, then the CRD's columns", "[customresource]") {
  const TableConvertor convertor(CertificateColumns());
  REQUIRE(convertor.status().ok());
  const std::vector<TableColumn>& columns = convertor.Columns();
  REQUIRE(columns.size() == 6);
  const TableColumn name = printer_internal::NameColumn();
  CHECK(columns[0].name == "Name");
  CHECK(columns[0].type == "string");
  CHECK(columns[0].format == "name");
  CHECK(columns[0].description == name.description);
  CHECK(columns[1].name == "Ready");
  CHECK(columns[1].description ==
        "Custom resource definition column (in JSONPath format): "
        R"(.status.conditions[?(@.type=="Ready")].status)");
  CHECK(columns[3].priority == 1);
  CHECK(columns[5].type == "date");
  CHECK(columns[5].description == "CreationTimestamp is a timestamp.");
}

TEST_CASE("Custom resource cells for cert-manager's Certificate", "[customresource]") {
  const TableConvertor convertor(CertificateColumns());
  CHECK(RowJson(convertor, kCertificate) ==
        R"(["web-tls","True","web-tls-secret","letsencrypt",)"
        R"("Certificate is up to date and has not expired","5m"])");
  // Not yet Ready: no condition matches, and the cells are null.
  CHECK(RowJson(convertor, R"({"metadata": {"name": "new", "creationTimestamp":
                               "2026-12-05T03:00:00Z"}, "spec": {"secretName": "s"}})") ==
        R"(["new",null,"s",null,null,"3d"])");
}

TEST_CASE("Custom resource cells take the column's type, or null", "[customresource]") {
  const TableConvertor convertor({
      {"Replicas", "integer", "", "", 0, ".spec.replicas"},
      {"Ratio", "number", "", "", 0, ".spec.ratio"},
      {"Paused", "boolean", "", "", 0, ".spec.paused"},
      {"Mode", "string", "", "", 0, ".spec.mode"},
      {"Since", "date", "", "", 0, ".status.since"},
  });
  REQUIRE(convertor.status().ok());
  CHECK(RowJson(convertor, R"({"metadata": {"name": "a"}, "spec": {"replicas": 3, "ratio": 0.25,
                               "paused": true, "mode": "fast"},
                               "status": {"since": "2026-12-08T03:59:30Z"}})") ==
        R"(["a",3,0.25,true,"fast","30s"])");
  // Numbers convert (int64 truncates a float, number widens an integer); other
  // mismatches are null. A string column prints anything, JSON null as <no value>.
  const rapidjson::Document doc = Json(R"({"metadata": {"name": "b"}, "spec": {"replicas": -2.7,
      "ratio": 4, "paused": "yes", "mode": {"z": 1, "a": [true]}}, "status": {"since": 5}})");
  const std::vector<Cell> cells = convertor.Row(doc, kNow);
  REQUIRE(cells.size() == 6);
  CHECK(std::get<int64_t>(cells[1]) == -2);
  CHECK(std::get<double>(cells[2]) == 4.0);
  CHECK(std::holds_alternative<std::monostate>(cells[3]));
  CHECK(std::get<std::string>(cells[4]) == R"({"a":[true],"z":1})");
  CHECK(std::holds_alternative<std::monostate>(cells[5]));

  CHECK(RowJson(convertor, R"({"metadata": {}, "spec": {"replicas": null, "ratio": null,
                               "paused": null, "mode": null}, "status": {"since": null}})") ==
        R"(["",null,null,null,"<no value>",null])");
  CHECK(RowJson(convertor, R"({"spec": {"mode": 1.5e-7}})") ==
        R"(["",null,null,null,"1.5e-07",null])");
}

TEST_CASE("Custom resource date cells", "[customresource]") {
  const TableConvertor convertor({{"Since", "date", "", "", 0, ".status.since"}});
  auto cell = [&](std::string_view since) {
    return RowJson(convertor, R"({"status": {"since": )" + std::string(since) + "}}");
  };
  CHECK(cell(R"("2026-12-08T03:58:30Z")") == R"(["","1m"])");
  CHECK(cell(R"("2026-12-08T01:00:00+01:00")") == R"(["","4h"])");
  CHECK(cell(R"("2025-11-01T00:00:00Z")") == R"(["","1y"])");
  CHECK(cell(R"("2026-12-08T04:00:10Z")") == R"(["","<invalid>"])");
  CHECK(cell(R"("yesterday")") == R"(["","<invalid>"])");
  CHECK(cell(R"("")") == R"(["","<unknown>"])");
  CHECK(cell(R"("null")") == R"(["","<unknown>"])");
  CHECK(cell(R"("0001-01-01T00:00:00Z")") == R"(["","<unknown>"])");
}

TEST_CASE("Custom resource cells: first match only, errors are null", "[customresource]") {
  const TableConvertor convertor({
      {"Types", "string", "", "", 0, ".status.conditions[*].type"},
      {"Third", "string", "", "", 0, ".status.conditions[2].type"},
      {"NotArray", "string", "", "", 0, ".status.phase[0]"},
      {"Compare", "string", "", "", 0, ".status.conditions[?(@.type==1)].type"},
      {"Dotted", "string", "", "", 0, ".metadata.labels.app\\.kubernetes\\.io/name"},
      {"Quoted", "string", "", "", 0, ".metadata.labels['app.kubernetes.io/name']"},
  });
  REQUIRE(convertor.status().ok());
  CHECK(RowJson(convertor, R"({"metadata": {"name": "x",
                               "labels": {"app.kubernetes.io/name": "shop"}},
                               "status": {"phase": "Running", "conditions": [
                                 {"type": "Ready"}, {"type": "Synced"}]}})") ==
        R"(["x","Ready",null,null,null,"shop",null])");
}

TEST_CASE("A column path that does not parse ends the columns there", "[customresource]") {
  const TableConvertor convertor({
      {"Good", "string", "", "", 0, ".spec.a"},
      {"Bad", "string", "", "", 0, ".spec.b["},
      {"Later", "string", "", "", 0, ".spec.c"},
  });
  CHECK(convertor.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(convertor.status().message() == R"(unrecognized column definition ".spec.b[")");
  REQUIRE(convertor.Columns().size() == 2);
  CHECK(convertor.Columns()[1].name == "Good");
  CHECK(RowJson(convertor, R"({"metadata": {"name": "n"}, "spec": {"a": "A", "c": "C"}})") ==
        R"(["n","A"])");
  // Braces around a path make it fail too, as upstream wraps the path in its own.
  CHECK_FALSE(TableConvertor({{"Braced", "string", "", "", 0, "{.spec.a}"}}).status().ok());
}

TEST_CASE("A version without columns is served Name and Age", "[customresource]") {
  const std::vector<PrinterColumn> served = ServedColumns({});
  REQUIRE(served.size() == 1);
  CHECK(served[0].name == "Age");
  CHECK(served[0].type == "date");
  CHECK(served[0].json_path == ".metadata.creationTimestamp");
  CHECK(served[0].description == printer_internal::AgeColumn().description);
  CHECK(ServedColumns(CertificateColumns()).size() == 5);

  const TableConvertor convertor(served);
  REQUIRE(convertor.Columns().size() == 2);
  CHECK(convertor.Columns()[1].name == "Age");
  CHECK(RowJson(convertor, kCertificate) == R"(["web-tls","5m"])");
}

}  // namespace
}  // namespace kube::apiserver::customresource
