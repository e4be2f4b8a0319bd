"""Hand-written AsyncAPI and OpenAPI documents as teams have them, one mapping row each."""

from __future__ import annotations

import json

ORDER_AVRO = {
    "type": "record",
    "name": "OrderPlaced",
    "namespace": "acme.shop",
    "fields": [{"name": "orderId", "type": "string"}, {"name": "total", "type": "double"}],
}

# a producer, in 2.6: its channel's `subscribe` is what the application sends
SHOP_26 = f"""\
asyncapi: 2.6.0
info:
  title: Web shop
  version: 2.1.0
  x-owner: shop-team
defaultContentType: application/json
servers:
  prod:
    url: kafka.acme.internal:9092
    protocol: kafka
    description: Kafka (prod)
channels:
  shop.order.placed.v1:
    description: Every placed order.
    bindings:
      kafka: {{partitions: 6, bindingVersion: 0.4.0}}
    subscribe:
      operationId: publishOrder
      message:
        $ref: '#/components/messages/OrderPlaced'
  shop.basket.checked-out.v1:
    publish:
      operationId: onCheckout
      bindings:
        kafka:
          groupId: {{type: string, enum: [shop-checkout]}}
      message:
        name: CheckedOut
        payload:
          $ref: 'schemas/checkout.json'
components:
  messages:
    OrderPlaced:
      name: OrderPlaced
      contentType: avro/binary
      schemaFormat: application/vnd.apache.avro;version=1.9.0
      payload: {json.dumps(ORDER_AVRO)}
      headers:
        type: object
        properties:
          traceId: {{type: string}}
      correlationId:
        location: $message.header#/traceId
      examples:
        - payload: {{orderId: O-1, total: 12.5}}
      x-team-note: keep
"""

CHECKOUT_SCHEMA = {
    "type": "object",
    "properties": {"basketId": {"type": "string"}, "amount": {"$ref": "#/definitions/money"}},
    "required": ["basketId"],
    "definitions": {"money": {"type": "number"}},
}

# a consumer of the same topic, in 3.0, and a Protobuf producer on MQTT
BILLING_30 = """\
asyncapi: 3.0.0
info:
  title: Billing
  version: 1.0.0
servers:
  kafka:
    host: kafka.acme.internal:9092
    protocol: kafka
  plant:
    host: mqtt.acme.internal:1883
    protocol: mqtt
channels:
  orders:
    address: shop.order.placed.v1
    servers: [{$ref: '#/servers/kafka'}]
    messages:
      order:
        payload:
          type: object
          properties: {orderId: {type: string}}
  readings:
    address: '{site}/meter/reading'
    servers: [{$ref: '#/servers/plant'}]
    parameters:
      site: {enum: [berlin, lyon], description: The plant.}
    messages:
      reading:
        contentType: application/x-protobuf
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
            package acme.meter;
            message Reading { string meter_id = 1; int64 watt_hours = 2; }
        examples:
          - payload: {meter_id: M-1, watt_hours: 42}
operations:
  take-orders:
    action: receive
    channel: {$ref: '#/channels/orders'}
    bindings:
      kafka: {groupId: {type: string, enum: [billing-v1]}}
  report-readings:
    action: send
    channel: {$ref: '#/channels/readings'}
    x-rate: 10/s
"""

# an evented System API, 3.1: endpoints, a callback registration and top-level webhooks
CUSTOMER_API_31 = """\
openapi: 3.1.0
info:
  title: Customer API
  version: 3.0.0
paths:
  /customers/{customerId}:
    parameters:
      - {name: customerId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getCustomer
      summary: Read one customer
      parameters:
        - {name: fields, in: query, schema: {type: string}}
      responses:
        '200':
          description: The customer
          headers:
            ETag: {schema: {type: string}, required: true}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Customer'}
              example: {customerId: C-1, name: Ada}
        '404':
          description: Not Found
    put:
      operationId: updateCustomer
      requestBody:
        description: The new state.
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Customer'}
      responses:
        '204': {description: No Content}
  /subscriptions:
    post:
      operationId: subscribe
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {callbackUrl: {type: string}}
      responses:
        '201': {description: Created}
      callbacks:
        customer-changed:
          '{$request.body#/callbackUrl}':
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/CustomerChanged'}
              responses:
                '200': {description: OK}
webhooks:
  customer-deleted:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {customerId: {type: string}}}
      responses:
        '200': {description: OK}
components:
  schemas:
    Customer:
      type: object
      properties:
        customerId: {type: string}
        name: {type: string}
        address: {$ref: '#/components/schemas/Address'}
    Address:
      type: object
      properties: {city: {type: string}}
    CustomerChanged:
      type: object
      properties: {customerId: {type: string}}
"""
