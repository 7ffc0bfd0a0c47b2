#pragma once

#include <string>
#include <string_view>

#include "engine/base/result.h"

namespace strata::image {

// A docker image reference, normalized as github.com/distribution/reference's
// ParseNormalizedNamed does: "hello-app:1.0" is docker.io/library/hello-app:1.0.
struct Reference {
  std::string domain;  // "docker.io", "localhost:5000", "[::1]:5000"
  std::string path;    // "library/hello-app"
  std::string tag;     // empty when not given
  std::string digest;  // "sha256:<hex>", empty when not given

  // "docker.io/library/hello-app:1.0[@sha256:...]"
  std::string to_string() const;
  // domain/path without tag or digest: "docker.io/library/hello-app"
  std::string name() const;
  // What `docker images` and RepoTags show: the name without "docker.io/" and, for official
  // images, "library/", plus the tag and digest: "hello-app:1.0". (Docker's FamiliarString.)
  std::string familiar_name() const;
  // The familiar repository alone: "hello-app". (Docker's FamiliarName.)
  std::string familiar_repository() const;

  bool operator==(const Reference&) const = default;
};

// Parses and normalizes `text`. Errors (invalid_argument) carry docker's messages, e.g.
// "invalid reference format", "invalid reference format: repository name (library/Foo) must
// be lowercase", "repository name must not be more than 255 characters". No default tag is
// added; see with_default_tag.
base::Result<Reference> parse_reference(std::string_view text);

// docker's TagNameOnly: a reference with neither tag nor digest gets "latest".
Reference with_default_tag(Reference reference);

// parse_reference then with_default_tag: what `docker build -t`, `docker tag` and
// `docker image inspect` do with a name.
base::Result<Reference> parse_image_name(std::string_view text);

}  // namespace strata::image
