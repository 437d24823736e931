-- wrk script: POST an order of one product (a query and an update)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"productId":7,"quantity":1}'
