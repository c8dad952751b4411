#include "common/client/rest_watch_stream.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/client/rest_decode.h"
#include "common/client/watch_status.h"
#include "common/util/strings.h"

namespace kube::client::internal {
namespace {

// The longest single wait in curl_multi_poll; Next() loops until its deadline.
constexpr absl::Duration kMaxPoll = absl::Seconds(1);

// A body that never ends with a newline is a broken server, not a watch.
constexpr size_t kMaxLine = 64 << 20;

}  // namespace

absl::StatusOr<std::unique_ptr<WatchStream>> RestWatchStream::Open(const CurlSession& session,
                                                                   const Resource& resource,
                                                                   const HttpRequest& request) {
  CurlRequest curl = session.NewStreamRequest(request);
  if (curl.handle == nullptr) return absl::ResourceExhaustedError("curl_easy_init failed");
  std::unique_ptr<RestWatchStream> stream(
      new RestWatchStream(resource, curl, StrCat("GET ", request.path)));
  if (stream->multi_ == nullptr) return absl::ResourceExhaustedError("curl_multi_init failed");

  absl::Duration limit = absl::Seconds(session.config().connect_timeout_seconds +
                                       session.config().request_timeout_seconds);
  absl::Time deadline = absl::Now() + limit;
  while (!stream->headers_done_ && !stream->finished_ && absl::Now() < deadline) {
    stream->Pump(deadline - absl::Now());
  }
  if (!stream->headers_done_) {
    if (stream->finished_) return stream->EndStatus();
    return absl::DeadlineExceededError(
        StrCat(stream->description_, ": no answer within ", absl::FormatDuration(limit)));
  }
  if (stream->http_status_ != 200) {
    // An error answer is short and complete: read it all.
    while (!stream->finished_ && absl::Now() < deadline) stream->Pump(deadline - absl::Now());
    return ErrorFromResponse(stream->http_status_, stream->buffer_);
  }
  return std::unique_ptr<WatchStream>(std::move(stream));
}

RestWatchStream::RestWatchStream(const Resource& resource, CurlRequest request,
                                 std::string description)
    : resource_(resource), description_(std::move(description)), request_(request) {
  curl_easy_setopt(request_.handle, CURLOPT_WRITEFUNCTION, &RestWatchStream::OnData);
  curl_easy_setopt(request_.handle, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(request_.handle, CURLOPT_HEADERFUNCTION, &RestWatchStream::OnHeader);
  curl_easy_setopt(request_.handle, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(request_.handle, CURLOPT_ERRORBUFFER, error_);
  multi_ = curl_multi_init();
  if (multi_ != nullptr) curl_multi_add_handle(multi_, request_.handle);
}

RestWatchStream::~RestWatchStream() {
  if (multi_ != nullptr) {
    curl_multi_remove_handle(multi_, request_.handle);
    curl_multi_cleanup(multi_);
  }
  CurlSession::FreeStreamRequest(request_);
}

size_t RestWatchStream::OnData(char* data, size_t size, size_t count, void* self) {
  auto* stream = static_cast<RestWatchStream*>(self);
  stream->buffer_.append(data, size * count);
  return size * count;
}

size_t RestWatchStream::OnHeader(char* data, size_t size, size_t count, void* self) {
  auto* stream = static_cast<RestWatchStream*>(self);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    curl_easy_getinfo(stream->request_.handle, CURLINFO_RESPONSE_CODE, &stream->http_status_);
  } else if ((line == "\r\n" || line == "\n") && stream->http_status_ >= 200) {
    stream->headers_done_ = true;
  }
  return size * count;
}

void RestWatchStream::Perform() {
  int running = 0;
  curl_multi_perform(multi_, &running);
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg == CURLMSG_DONE) {
      finished_ = true;
      result_ = message->data.result;
    }
  }
}

void RestWatchStream::Pump(absl::Duration timeout) {
  size_t bytes_before = buffer_.size();
  bool headers_before = headers_done_;
  Perform();
  if (finished_ || buffer_.size() != bytes_before || headers_done_ != headers_before) return;
  int wait_ms = static_cast<int>(
      absl::ToInt64Milliseconds(std::clamp(timeout, absl::Milliseconds(1), kMaxPoll)));
  curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
  Perform();
}

absl::Status RestWatchStream::TakeEvents(std::vector<WatchEvent>& events) {
  size_t start = 0;
  while (true) {
    size_t newline = buffer_.find('\n', start);
    std::string_view line;
    if (newline != std::string::npos) {
      line = std::string_view(buffer_).substr(start, newline - start);
    } else if (finished_ && start < buffer_.size()) {
      line = std::string_view(buffer_).substr(start);
      newline = buffer_.size() - 1;
    } else {
      break;
    }
    start = newline + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    absl::StatusOr<WatchEvent> event = DecodeWatchEvent(line, resource_);
    if (!event.ok()) return event.status();
    events.push_back(std::move(*event));
  }
  buffer_.erase(0, start);
  if (buffer_.size() > kMaxLine) {
    return absl::InternalError(StrCat(description_, ": a watch event longer than ", kMaxLine,
                                      " bytes"));
  }
  return absl::OkStatus();
}

absl::Status RestWatchStream::EndStatus() const {
  if (result_ == CURLE_OK) return WatchClosedError();
  std::string detail = error_[0] != '\0' ? error_ : curl_easy_strerror(result_);
  return absl::UnavailableError(StrCat(description_, ": ", detail));
}

absl::StatusOr<std::vector<WatchEvent>> RestWatchStream::Next(absl::Duration timeout) {
  if (!failure_.ok()) return failure_;
  std::vector<WatchEvent> events;
  absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (absl::Status status = TakeEvents(events); !status.ok()) {
      failure_ = status;
      if (!events.empty()) return events;  // the error comes with the next call
      return failure_;
    }
    if (!events.empty()) return events;
    if (finished_) return EndStatus();
    absl::Duration remaining = deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) return events;
    Pump(remaining);
  }
}

}  // namespace kube::client::internal
