#include "apiserver/serviceaccount/openssl_util.h"

#include <openssl/err.h>

#include <string>

#include "common/util/strings.h"

namespace kube::serviceaccount {

absl::Status OpenSslError(absl::StatusCode code, std::string_view what) {
  std::string reasons;
  while (unsigned long err = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(err, text, sizeof(text));
    if (!reasons.empty()) reasons += "; ";
    reasons += text;
  }
  if (reasons.empty()) return absl::Status(code, std::string(what));
  return absl::Status(code, kube::StrCat(what, ": ", reasons));
}

void ClearOpenSslErrors() { ERR_clear_error(); }

}  // namespace kube::serviceaccount
