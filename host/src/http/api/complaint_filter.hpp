#pragma once

#include <vector>

#include "http/api/router.hpp"
#include "storage/complaint_query.hpp"

namespace httplib {
struct Request;
}

namespace redress::http {

// The query parameters of the complaint lists, as the OpenAPI document shows them.
const std::vector<QueryParameter>& list_parameters();

// A list request's query string as a filter. Throws HttpError 400 naming the
// parameter and what is wrong with it; unknown parameters are refused too.
// Without `with_customer` the "customer" parameter is refused (the route names it).
storage::ComplaintFilter read_filter(const httplib::Request& req, bool with_customer);

}  // namespace redress::http
