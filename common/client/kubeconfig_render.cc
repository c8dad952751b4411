#include "common/client/kubeconfig_render.h"

#include <cctype>
#include <cstdio>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "common/util/strings.h"

namespace kube::client {
namespace {

bool ReadsAsOtherType(std::string_view value) {
  std::string lower;
  for (char c : value) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}) {
    if (lower == word) return true;
  }
  double number;
  return absl::SimpleAtod(std::string(value), &number);
}

std::string Base64(std::string_view data) { return absl::Base64Escape(std::string(data)); }

}  // namespace

std::string YamlScalar(std::string_view value) {
  bool plain = !value.empty() && (std::isalnum(static_cast<unsigned char>(value.front())) ||
                                  value.front() == '/' || value.front() == '.');
  for (char c : value) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./:@+=", c) != nullptr);
  }
  if (plain && value.back() != ':' && !ReadsAsOtherType(value)) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (u < 0x20 || u == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\x%02x", u);
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string RenderKubeconfig(const KubeconfigContent& c) {
  std::string user;
  if (!c.cert_pem.empty()) {
    StrAppend(&user, "    client-certificate-data: ", Base64(c.cert_pem), "\n",
              "    client-key-data: ", Base64(c.key_pem), "\n");
  }
  if (!c.token.empty()) StrAppend(&user, "    token: ", YamlScalar(c.token), "\n");
  return StrCat("apiVersion: v1\n",
                "clusters:\n",
                "- cluster:\n",
                "    certificate-authority-data: ", Base64(c.ca_pem), "\n",
                "    server: ", YamlScalar(c.server), "\n",
                "  name: ", YamlScalar(c.cluster_name), "\n",
                "contexts:\n",
                "- context:\n",
                "    cluster: ", YamlScalar(c.cluster_name), "\n",
                "    user: ", YamlScalar(c.user_name), "\n",
                "  name: ", YamlScalar(c.context_name), "\n",
                "current-context: ", YamlScalar(c.context_name), "\n",
                "kind: Config\n",
                "preferences: {}\n",
                "users:\n",
                "- name: ", YamlScalar(c.user_name), "\n",
                user.empty() ? "  user: {}\n" : StrCat("  user:\n", user));
}

}  // namespace kube::client
