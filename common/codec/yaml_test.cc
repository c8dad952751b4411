#include "common/codec/yaml.h"

#include <catch2/catch.hpp>

#include "codec_test.pb.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_text.h"

namespace kube::codec {
namespace {

std::vector<std::string> Json(std::string_view yaml) {
  absl::StatusOr<std::vector<std::string>> docs = YamlToJson(yaml);
  INFO(docs.status().ToString());
  REQUIRE(docs.ok());
  return *docs;
}

std::string One(std::string_view yaml) {
  std::vector<std::string> docs = Json(yaml);
  REQUIRE(docs.size() == 1);
  return docs[0];
}

std::string YamlError(std::string_view yaml) {
  absl::StatusOr<std::vector<std::string>> docs = YamlToJson(yaml);
  REQUIRE_FALSE(docs.ok());
  CHECK(docs.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(docs.status().message());
}

TEST_CASE("YamlToJson types scalars like kubectl", "[yaml]") {
  CHECK(One("a: 1\nb: yes\nc: \"yes\"\nd: 0x10\ne: ~\nf:\ng: [1, two, '3', 4.0]\n"
            "h: 1.5\ni: 0755\nj: 1e3\nk: 2001-12-14\nl: 12:30\nm: -.5\n") ==
        R"({"a":1,"b":true,"c":"yes","d":16,"e":null,"f":null,"g":[1,"two","3",4],)"
        R"("h":1.5,"i":493,"j":1000,"k":"2001-12-14","l":"12:30","m":-0.5})");
}

TEST_CASE("YamlToJson keeps quoted and block scalars as strings", "[yaml]") {
  CHECK(One("a: 'true'\nb: \"1\"\nc: |\n  x\n  y\nd: >-\n  folded\n  text\ne: \"\"\n"
            "f: !!str 123\ng: !!float 3\nh: !!binary aGk=\ni: !custom 5\n") ==
        R"({"a":"true","b":"1","c":"x\ny\n","d":"folded text","e":"","f":"123","g":3,)"
        R"("h":"hi","i":"5"})");
  CHECK(YamlError("a: !!int abc\n").find("cannot decode `abc` as !!int") != std::string::npos);
}

TEST_CASE("YamlToJson turns non-string keys into their text", "[yaml]") {
  CHECK(One("1: a\ntrue: b\n1.5: c\n~: d\n0x10: e\ny: f\n1e6: g\n") ==
        R"({"1":"a","true":"b","1.5":"c","null":"d","16":"e","true":"f","1e+06":"g"})");
  CHECK(YamlError("[1]: a\n").find("mapping keys must be scalars") != std::string::npos);
}

TEST_CASE("YamlToJson splits documents", "[yaml]") {
  CHECK(Json("") == std::vector<std::string>{});
  CHECK(Json("# just a comment\n") == std::vector<std::string>{});
  CHECK(Json("a: 1\n---\n---\n# empty\n---\nb: 2\n...\n---\nnull\n--- [x]\n") ==
        std::vector<std::string>{R"({"a":1})", R"({"b":2})", R"(["x"])"});
  CHECK(Json("---\nkind: A\n---\nkind: B\n") ==
        std::vector<std::string>{R"({"kind":"A"})", R"({"kind":"B"})"});
}

TEST_CASE("YamlToJson expands anchors, aliases and merge keys", "[yaml]") {
  CHECK(One("base: &b {x: 1, z: 2}\nlist: &l [a, b]\nderived:\n  <<: *b\n  z: 3\n"
            "again: *l\nname: &n web\nref: *n\n") ==
        R"({"base":{"x":1,"z":2},"list":["a","b"],"derived":{"z":3,"x":1},)"
        R"("again":["a","b"],"name":"web","ref":"web"})");
  CHECK(One("a: &a {p: 1}\nb: &b {p: 2, q: 2}\nc:\n  <<: [*a, *b]\n") ==
        R"({"a":{"p":1},"b":{"p":2,"q":2},"c":{"p":1,"q":2}})");
  CHECK(One("\"<<\": {a: 1}\n") == R"({"<<":{"a":1}})");
  CHECK(YamlError("a: *nope\n").find("anchor") != std::string::npos);
  CHECK(YamlError("a: &x [*x]\n").find("alias") != std::string::npos);
  CHECK(YamlError("a:\n  <<: 5\n").find("merge") != std::string::npos);
}

TEST_CASE("YamlToJson rejects what JSON cannot hold and malformed input", "[yaml]") {
  CHECK(YamlError("a: .inf\n").find("NaN and infinity") != std::string::npos);
  CHECK(YamlError("- .nan\n").find("NaN and infinity") != std::string::npos);
  CHECK(One(".inf: a\n") == R"({".inf":"a"})");  // fine as a key
  CHECK(YamlError("a: b: c\n").rfind("invalid YAML", 0) == 0);
  CHECK(YamlError("a: [1, 2\n").rfind("invalid YAML", 0) == 0);
  CHECK(YamlError("a:\n\tb: 1\n").rfind("invalid YAML", 0) == 0);
  CHECK(YamlError("a: \"\xff\"\n").find("UTF-8") != std::string::npos);
}

TEST_CASE("YamlToJson bounds nesting and alias expansion", "[yaml]") {
  std::string ok = std::string(100, '[') + std::string(100, ']');
  CHECK(One(ok) == ok);
  CHECK(YamlError(std::string(101, '[') + std::string(101, ']')).find("nesting deeper") !=
        std::string::npos);
  CHECK(YamlError(std::string(100000, '[')).find("nesting deeper") != std::string::npos);
  std::string block;
  for (int i = 0; i < 150; ++i) block += std::string(i * 2, ' ') + "a:\n";
  CHECK(YamlError(block).find("nesting deeper") != std::string::npos);
  std::string deep_alias = "a: &a " + std::string(60, '[') + std::string(60, ']') +
                           "\nb: " + std::string(50, '[') + "*a" + std::string(50, ']') + "\n";
  CHECK(YamlError(deep_alias).find("nesting deeper") != std::string::npos);
  // "Billion laughs": each level doubles the size.
  std::string bomb = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    bomb += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", *l" : "*l") + std::to_string(i - 1);
    bomb += "]\n";
  }
  CHECK(YamlError(bomb).find("too many nodes") != std::string::npos);
}

TEST_CASE("A YAML manifest decodes into a message", "[yaml]") {
  std::string json = One(R"(
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web, "on": "yes"}
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      name: http
    resources:
      limits: {cpu: 0.5, memory: 128Mi}
)");
  testing::Pod pod;
  REQUIRE(DecodeJson(json, pod).ok());
  CHECK(pod.metadata().labels().at("on") == "yes");
  CHECK(pod.spec().containers(0).ports(0).containerport() == 80);
  CHECK(pod.spec().containers(0).resources().limits().at("cpu").string() == "500m");
}

// Parses both texts and compares the values.
bool SameJson(std::string_view a, std::string_view b) {
  rapidjson::Document da, db;
  if (!ParseJson(a, da).ok() || !ParseJson(b, db).ok()) return false;
  return da == db;
}

TEST_CASE("JsonToYaml round-trips through YamlToJson", "[yaml]") {
  const std::string_view cases[] = {
      R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x","labels":{"a":"true"}}})",
      R"({"s":["true","yes","y","n","No","off","null","~","","1","0x10","1.5","1e3",".inf",)"
      R"("-","- x","a: b","#c","a #b","[x]","{y}","x,y","*a","&a","!t","|","> f","'q'",)"
      R"("\"d\"","%p","@a","`b","  lead","trail  ","multi\nline\n","tab\there","nul\u0000x",)"
      R"("\u0085nel","\u2028","\ufeffbom","é ü 日本","k:","?q",":c","<<","2001-12-14","0755"]})",
      R"({"n":[0,-1,1.5,1e+21,1e-7,18446744073709551615,-9223372036854775808],"b":[true,false,null]})",
      R"({"nested":{"empty":{},"list":[],"deep":[[{"a":[{}]}]]},"<<":{"x":1},"true":1,"1":2,"":3})",
      R"("top-level string")",
      R"([1,"two",{"three":3}])",
      R"(null)",
  };
  for (std::string_view json : cases) {
    INFO(json);
    absl::StatusOr<std::string> yaml = JsonToYaml(json);
    REQUIRE(yaml.ok());
    INFO(*yaml);
    absl::StatusOr<std::vector<std::string>> back = YamlToJson(*yaml);
    REQUIRE(back.ok());
    if (json == "null") {
      CHECK(back->empty());
      continue;
    }
    REQUIRE(back->size() == 1);
    CHECK(SameJson((*back)[0], json));
  }
}

TEST_CASE("JsonToYaml writes readable block YAML", "[yaml]") {
  CHECK(*JsonToYaml(R"({"kind":"Pod","spec":{"containers":[{"name":"a","args":["1","x"]}]}})") ==
        "kind: Pod\nspec:\n  containers:\n    - name: a\n      args:\n        - \"1\"\n"
        "        - x\n");
  CHECK_FALSE(JsonToYaml("{").ok());
  CHECK_FALSE(JsonToYaml(std::string(101, '[') + std::string(101, ']')).ok());
  CHECK(JsonToYaml(std::string(100, '[') + std::string(100, ']')).ok());
}

}  // namespace
}  // namespace kube::codec
