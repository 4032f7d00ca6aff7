package com.profilebridge.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Unknown paths under the API prefixes answer a 404 problem detail. Without this they would fall
 * through to the Vaadin servlet (mapped at {@code /*}) and come back as a 200 HTML page.
 */
@RestController
class UnknownApiPathController {

    @RequestMapping({"/v1/**", "/api/**"})
    ResponseEntity<ProblemDetail> unknown() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND, "not-found", "No such endpoint."));
    }
}
