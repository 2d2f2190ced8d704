<?php
/**
 * Plugin Name: Reader address (tests only)
 * Description: Every request in the tests comes from 127.0.0.1, and WordPress throttles
 * comments per IP address (15 s). A test names the reader it plays with the header
 * X-RC-Test-Remote-Addr (or, from a browser, where a custom header would need a CORS preflight,
 * "RC-Test-Reader/<ip>" in the User-Agent); WordPress then sees that address, as it would see
 * each reader's own behind a proxy. Only honoured for loopback requests.
 */

if ( isset( $_SERVER['REMOTE_ADDR'] ) && '127.0.0.1' === $_SERVER['REMOTE_ADDR'] ) {
	$rc_test_address = '';
	if ( isset( $_SERVER['HTTP_X_RC_TEST_REMOTE_ADDR'] ) ) {
		$rc_test_address = (string) $_SERVER['HTTP_X_RC_TEST_REMOTE_ADDR'];
	} elseif ( isset( $_SERVER['HTTP_USER_AGENT'] ) && preg_match( '#RC-Test-Reader/([0-9.]+)#', (string) $_SERVER['HTTP_USER_AGENT'], $rc_test_match ) ) {
		$rc_test_address = $rc_test_match[1];
	}
	if ( false !== filter_var( $rc_test_address, FILTER_VALIDATE_IP ) ) {
		$_SERVER['REMOTE_ADDR'] = $rc_test_address;
	}
}
