#include "common/client/kubeconfig.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "absl/status/status.h"
#include "common/codec/base64.h"
#include "common/codec/json_text.h"
#include "common/codec/yaml.h"
#include "common/util/strings.h"
#include "rapidjson/document.h"

namespace kube::client {
namespace {

// One named entry (cluster, context or user) and the directory of the file that
// defined it, against which its relative paths resolve.
struct Entry {
  const rapidjson::Value* body = nullptr;
  std::string base_dir;
};

// Kubeconfig files merged: first definition of each name wins.
struct Merged {
  std::vector<std::unique_ptr<rapidjson::Document>> documents;  // owns the values
  std::map<std::string, Entry> clusters;
  std::map<std::string, Entry> contexts;
  std::map<std::string, Entry> users;
  std::string current_context;
};

std::string StringField(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool BoolField(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return false;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(StrCat("kubeconfig: cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ResolvePath(const std::string& path, const std::string& base_dir) {
  if (path.empty() || path[0] == '/' || base_dir.empty()) return path;
  return StrCat(base_dir, "/", path);
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// `<field>-data` (base64) wins over `<field>` (a file path), as in client-go.
absl::Status LoadPem(const Entry& entry, const char* field, std::string* out) {
  std::string data_field = StrCat(field, "-data");
  std::string data = StringField(*entry.body, data_field.c_str());
  if (!data.empty()) {
    absl::StatusOr<std::string> decoded = codec::Base64Decode(data);
    if (!decoded.ok()) {
      return absl::InvalidArgumentError(
          StrCat("kubeconfig: ", data_field, ": ", decoded.status().message()));
    }
    *out = std::move(*decoded);
    return absl::OkStatus();
  }
  std::string path = StringField(*entry.body, field);
  if (path.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> text = ReadWholeFile(ResolvePath(path, entry.base_dir));
  if (!text.ok()) return text.status();
  *out = std::move(*text);
  return absl::OkStatus();
}

// Adds the `name`d entries of list `field` ("clusters") whose body is under `body_key`.
absl::Status AddNamed(const rapidjson::Value& root, const char* field, const char* body_key,
                      const std::string& base_dir, std::map<std::string, Entry>& into) {
  auto it = root.FindMember(field);
  if (it == root.MemberEnd() || it->value.IsNull()) return absl::OkStatus();
  if (!it->value.IsArray()) {
    return absl::InvalidArgumentError(StrCat("kubeconfig: ", field, " must be a list"));
  }
  for (const rapidjson::Value& item : it->value.GetArray()) {
    std::string name = StringField(item, "name");
    if (name.empty()) {
      return absl::InvalidArgumentError(StrCat("kubeconfig: an entry of ", field, " has no name"));
    }
    auto body = item.FindMember(body_key);
    static const rapidjson::Value kEmpty(rapidjson::kObjectType);
    const rapidjson::Value* value =
        body != item.MemberEnd() && body->value.IsObject() ? &body->value : &kEmpty;
    into.emplace(name, Entry{value, base_dir});  // the first definition wins
  }
  return absl::OkStatus();
}

absl::Status AddFile(std::string_view yaml, const std::string& base_dir, Merged& merged) {
  absl::StatusOr<std::vector<std::string>> json = codec::YamlToJson(yaml);
  if (!json.ok()) {
    return absl::InvalidArgumentError(StrCat("kubeconfig: ", json.status().message()));
  }
  if (json->empty()) return absl::OkStatus();
  auto doc = std::make_unique<rapidjson::Document>();
  if (absl::Status status = codec::ParseJson(json->front(), *doc); !status.ok()) {
    return absl::InvalidArgumentError(StrCat("kubeconfig: ", status.message()));
  }
  if (!doc->IsObject()) return absl::InvalidArgumentError("kubeconfig: not a mapping");
  for (auto [field, body, into] :
       {std::tuple{"clusters", "cluster", &merged.clusters},
        std::tuple{"contexts", "context", &merged.contexts},
        std::tuple{"users", "user", &merged.users}}) {
    if (absl::Status status = AddNamed(*doc, field, body, base_dir, *into); !status.ok()) {
      return status;
    }
  }
  if (merged.current_context.empty()) {
    merged.current_context = StringField(*doc, "current-context");
  }
  merged.documents.push_back(std::move(doc));
  return absl::OkStatus();
}

absl::StatusOr<ClientConfig> Resolve(const Merged& merged, std::string_view context_override) {
  std::string context_name =
      context_override.empty() ? merged.current_context : std::string(context_override);
  if (context_name.empty()) {
    return absl::InvalidArgumentError(
        "kubeconfig: no current-context is set and no context was given");
  }
  auto context = merged.contexts.find(context_name);
  if (context == merged.contexts.end()) {
    return absl::NotFoundError(StrCat("kubeconfig: context \"", context_name, "\" not found"));
  }
  ClientConfig config;
  config.context = context_name;
  std::string ns = StringField(*context->second.body, "namespace");
  if (!ns.empty()) config.namespace_ = ns;

  std::string cluster_name = StringField(*context->second.body, "cluster");
  if (cluster_name.empty()) {
    return absl::InvalidArgumentError(
        StrCat("kubeconfig: context \"", context_name, "\" names no cluster"));
  }
  auto cluster = merged.clusters.find(cluster_name);
  if (cluster == merged.clusters.end()) {
    return absl::NotFoundError(StrCat("kubeconfig: cluster \"", cluster_name,
                                      "\" (of context \"", context_name, "\") not found"));
  }
  config.server = StringField(*cluster->second.body, "server");
  while (!config.server.empty() && config.server.back() == '/') config.server.pop_back();
  if (config.server.empty()) {
    return absl::InvalidArgumentError(
        StrCat("kubeconfig: cluster \"", cluster_name, "\" has no server"));
  }
  config.insecure_skip_tls_verify = BoolField(*cluster->second.body, "insecure-skip-tls-verify");
  config.tls_server_name = StringField(*cluster->second.body, "tls-server-name");
  if (absl::Status status = LoadPem(cluster->second, "certificate-authority",
                                    &config.certificate_authority_pem);
      !status.ok()) {
    return status;
  }

  std::string user_name = StringField(*context->second.body, "user");
  if (user_name.empty()) return config;  // anonymous
  auto user = merged.users.find(user_name);
  if (user == merged.users.end()) {
    return absl::NotFoundError(StrCat("kubeconfig: user \"", user_name, "\" (of context \"",
                                      context_name, "\") not found"));
  }
  const Entry& u = user->second;
  if (absl::Status status = LoadPem(u, "client-certificate", &config.client_certificate_pem);
      !status.ok()) {
    return status;
  }
  if (absl::Status status = LoadPem(u, "client-key", &config.client_key_pem); !status.ok()) {
    return status;
  }
  if (config.client_certificate_pem.empty() != config.client_key_pem.empty()) {
    return absl::InvalidArgumentError(StrCat(
        "kubeconfig: user \"", user_name, "\" needs both client-certificate and client-key"));
  }
  config.token = StringField(*u.body, "token");
  if (config.token.empty()) {
    std::string token_file = StringField(*u.body, "tokenFile");
    if (!token_file.empty()) {
      absl::StatusOr<std::string> token = ReadWholeFile(ResolvePath(token_file, u.base_dir));
      if (!token.ok()) return token.status();
      config.token = std::move(*token);
      while (!config.token.empty() &&
             (config.token.back() == '\n' || config.token.back() == '\r')) {
        config.token.pop_back();
      }
    }
  }
  config.username = StringField(*u.body, "username");
  config.password = StringField(*u.body, "password");
  return config;
}

}  // namespace

ClientConfig ConfigForServer(std::string server) {
  ClientConfig config;
  config.server = std::move(server);
  while (!config.server.empty() && config.server.back() == '/') config.server.pop_back();
  return config;
}

absl::StatusOr<ClientConfig> ParseKubeconfig(std::string_view yaml, std::string_view base_dir,
                                             std::string_view context) {
  Merged merged;
  if (absl::Status status = AddFile(yaml, std::string(base_dir), merged); !status.ok()) {
    return status;
  }
  return Resolve(merged, context);
}

absl::StatusOr<ClientConfig> LoadKubeconfigFile(const std::string& path,
                                                std::string_view context) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  Merged merged;
  if (absl::Status status = AddFile(*text, DirOf(path), merged); !status.ok()) {
    return absl::InvalidArgumentError(StrCat(path, ": ", status.message()));
  }
  return Resolve(merged, context);
}

absl::StatusOr<ClientConfig> LoadKubeconfigFiles(const std::vector<std::string>& paths,
                                                 std::string_view context) {
  Merged merged;
  bool any = false;
  for (const std::string& path : paths) {
    absl::StatusOr<std::string> text = ReadWholeFile(path);
    if (!text.ok()) continue;
    any = true;
    if (absl::Status status = AddFile(*text, DirOf(path), merged); !status.ok()) {
      return absl::InvalidArgumentError(StrCat(path, ": ", status.message()));
    }
  }
  if (!any) {
    return absl::NotFoundError(
        StrCat("kubeconfig: none of these files exists: ", StrJoin(paths, ", ")));
  }
  return Resolve(merged, context);
}

std::vector<std::string> KubeconfigPaths(std::string_view flag_path) {
  if (!flag_path.empty()) return {std::string(flag_path)};
  std::vector<std::string> paths;
  if (const char* env = std::getenv("KUBECONFIG"); env != nullptr && *env != '\0') {
    std::string_view list(env);
    while (!list.empty()) {
      size_t colon = list.find(':');
      std::string_view one = list.substr(0, colon);
      if (!one.empty()) paths.emplace_back(one);
      if (colon == std::string_view::npos) break;
      list.remove_prefix(colon + 1);
    }
    if (!paths.empty()) return paths;
  }
  const char* home = std::getenv("HOME");
  paths.push_back(StrCat(home != nullptr ? home : "", "/.kube/config"));
  return paths;
}

absl::StatusOr<ClientConfig> LoadKubeconfig(std::string_view flag_path,
                                            std::string_view context) {
  // An explicit --kubeconfig must exist; the default locations may not.
  if (!flag_path.empty()) return LoadKubeconfigFile(std::string(flag_path), context);
  return LoadKubeconfigFiles(KubeconfigPaths(flag_path), context);
}

}  // namespace kube::client
