#pragma once

#include <deque>
#include <memory>
#include <string>

#include <curl/curl.h>

#include "absl/status/statusor.h"
#include "common/client/curl_session.h"
#include "common/client/transport.h"

namespace kube::client::internal {

// One watch over REST: a chunked GET whose body is one JSON event per line.
// Nothing runs in the background: Next() drives the transfer through a libcurl
// multi handle, waiting in curl_multi_poll, so events are returned as soon as the
// server flushes them and an idle stream costs no thread. Destroying the stream
// closes its connection. Not thread-safe: one reader calls Next().
class RestWatchStream final : public WatchStream {
 public:
  // Sends the request and waits for the answer's headers. A refused connection is
  // Unavailable; a non-200 answer is its Status as an error.
  static absl::StatusOr<std::unique_ptr<WatchStream>> Open(const CurlSession& session,
                                                           const Resource& resource,
                                                           const HttpRequest& request);
  ~RestWatchStream() override;
  RestWatchStream(const RestWatchStream&) = delete;
  RestWatchStream& operator=(const RestWatchStream&) = delete;

  // WatchStream
  absl::StatusOr<std::vector<WatchEvent>> Next(absl::Duration timeout) override;

 private:
  RestWatchStream(const Resource& resource, CurlRequest request, std::string description);

  // Lets libcurl move data for at most `timeout`; returns early once bytes arrive
  // or the transfer ends.
  void Pump(absl::Duration timeout);
  // One curl_multi_perform, noting when the transfer ends.
  void Perform();
  // Decodes every complete line of buffer_ (and, at the end, a final partial one).
  absl::Status TakeEvents(std::vector<WatchEvent>& events);
  // The status that ends the stream once the transfer is over.
  absl::Status EndStatus() const;

  static size_t OnData(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);

  const Resource resource_;  // a copy: the caller's may be a temporary
  const std::string description_;  // "GET /api/v1/pods?watch=true", for errors
  CURLM* multi_ = nullptr;
  CurlRequest request_;
  long http_status_ = 0;     // of the last status line seen
  bool headers_done_ = false;  // a final (non-1xx) header block has ended
  bool finished_ = false;      // the transfer is over; result_ says how
  CURLcode result_ = CURLE_OK;
  char error_[CURL_ERROR_SIZE] = {0};
  std::string buffer_;         // received bytes not yet decoded
  absl::Status failure_;       // a decoding error, which ends the stream
};

}  // namespace kube::client::internal
