package com.profilebridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Profile Bridge: the BFF between contact-center platforms and a Customer Data Platform. */
@SpringBootApplication
@EnableScheduling
public class ProfileBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProfileBridgeApplication.class, args);
    }
}
